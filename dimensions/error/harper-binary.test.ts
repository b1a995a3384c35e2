import { LocalLinter } from 'harper.js';
import { slimBinary } from 'harper.js/slimBinary';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHarperGrammarChecker, harperRuleKinds, type GrammarChecker, type UserMessageErrors } from './harper-grammar-checker.js';
import { errorBackendDescription } from './index.js';

// the rule kinds are learnt once per process with a probe linter of their own; learnt here, before the spies
beforeAll(() => harperRuleKinds(), 60_000);

afterEach(() => {
  vi.restoreAllMocks();
});

/** Messages with mistakes worked out by hand, and what the checker must report for each. */
const messagesWithExpectedErrors: Array<[string, UserMessageErrors]> = [
  // lower-case "i" (Capitalization), "has" after I (Agreement), "a apple" (Miscellaneous: a/an); 4 words
  ['i has a apple', { errors: 3, proseWords: 4, kinds: { Capitalization: 1, Agreement: 1, Miscellaneous: 1 } }],
  // "dont" (Spelling) and "teh" (Typo); 5 words
  ['She dont like teh movie.', { errors: 2, proseWords: 5, kinds: { Spelling: 1, Typo: 1 } }],
  // "recieve" (Spelling); 5 words
  ['I recieve the package yesterday.', { errors: 1, proseWords: 5, kinds: { Spelling: 1 } }],
  // clean; 15 words
  ['Can you help me write an email to my boss? I will be late tomorrow.', { errors: 0, proseWords: 15, kinds: {} }],
  // the double space is a Formatting lint, which is not counted; 5 words
  ['Sure,  that works for me.', { errors: 0, proseWords: 5, kinds: {} }],
];

async function checkAll(checker: GrammarChecker): Promise<UserMessageErrors[]> {
  const results: UserMessageErrors[] = [];
  for (const [text] of messagesWithExpectedErrors) results.push(await checker.check(text));
  return results;
}

describe('harper.js WASM build', () => {
  it('lints with the slim build by default and names it in the backend', async () => {
    const setupSpy = vi.spyOn(LocalLinter.prototype, 'setup');
    const checker = await createHarperGrammarChecker();
    await checker.dispose();
    // the one linter made was built on the slim binary
    expect(setupSpy).toHaveBeenCalledTimes(1);
    expect((setupSpy.mock.contexts[0] as LocalLinter).binary).toBe(slimBinary);
    expect(errorBackendDescription).toContain('slim WASM build');
  });

  it('gives the same counted lints with the slim and the full build', async () => {
    const expected = messagesWithExpectedErrors.map(([, result]) => result);
    const slim = await createHarperGrammarChecker({ binary: 'slim' });
    const full = await createHarperGrammarChecker({ binary: 'full' });
    try {
      expect(await checkAll(slim)).toEqual(expected);
      expect(await checkAll(full)).toEqual(expected);
    } finally {
      await slim.dispose();
      await full.dispose();
    }
  });

  it('recycles the linter every recycleInterval lint calls without changing results', async () => {
    const setupSpy = vi.spyOn(LocalLinter.prototype, 'setup');
    const checker = await createHarperGrammarChecker({ recycleInterval: 2 });
    try {
      expect(await checkAll(checker)).toEqual(messagesWithExpectedErrors.map(([, result]) => result));
      // 5 lint calls, 2 per linter: linters for calls 1–2, 3–4 and 5 → 3 setups
      expect(checker.lintCalls()).toBe(5);
      expect(setupSpy).toHaveBeenCalledTimes(3);
    } finally {
      await checker.dispose();
    }
  });
});
