import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalLinter } from 'harper.js';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryCache, contentKey } from '../../src/annotate/annotation-cache.js';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import type { Dialogue, Turn } from '../../src/core/dialogue.js';
import { isCountedLint, isUnjudgeableSpellingToken } from './counted-lints.js';
import { harperRuleKinds } from './harper-grammar-checker.js';
import { dimension, errorBackendDescription, errorCacheNamespace } from './index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function makeDialogue(id: string, turns: Array<[Turn['role'], string]>): Dialogue {
  return {
    id,
    source: 'real',
    domain: 'test',
    turns: turns.map(([role, text]) => ({ role, text })),
    aside: [],
    origin: { file: 'memory', format: 'test' },
  };
}

// the rule kinds are learnt once per process with a probe linter of their own; learnt here, before the spies
beforeAll(() => harperRuleKinds(), 60_000);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('counting policy', () => {
  it('counts grammar and spelling kinds and leaves out style, formatting and readability advice', () => {
    expect(isCountedLint({ kind: 'Agreement', problemText: 'has' })).toBe(true);
    expect(isCountedLint({ kind: 'Spelling', problemText: 'recieve' })).toBe(true);
    expect(isCountedLint({ kind: 'Capitalization', problemText: 'i' })).toBe(true);
    expect(isCountedLint({ kind: 'Formatting', problemText: '  ' })).toBe(false);
    expect(isCountedLint({ kind: 'Style', problemText: 'cuz' })).toBe(false);
    expect(isCountedLint({ kind: 'Readability', problemText: 'a 45-word sentence' })).toBe(false);
    expect(isCountedLint({ kind: 'Enhancement', problemText: 'very good' })).toBe(false);
  });

  it('does not count spelling lints on acronyms, codes with digits or anonymization tokens', () => {
    for (const token of ['IDPA', 'GPUs', 'R&D', 'i5-11400H', '4K', 'NAME_1']) expect(isUnjudgeableSpellingToken(token), token).toBe(true);
    for (const token of ['recieve', 'france', 'Tomorow', 'A']) expect(isUnjudgeableSpellingToken(token), token).toBe(false);
    expect(isCountedLint({ kind: 'Spelling', problemText: 'IDPA' })).toBe(false);
  });
});

describe('error dimension with Harper', () => {
  it('counts known mistakes, ignores clean text and stripped non-prose, and rates per 100 linted words', async () => {
    const annotator = await dimension.createAnnotator('harper', {});
    try {
      const dialogues = [
        // "i" lower-case pronoun (Capitalization), "has" after I (Agreement), "a apple" (Miscellaneous: a/an): 3 in 4 words
        makeDialogue('mistakes', [['user', 'i has a apple'], ['assistant', 'i has a apple too']]),
        // "teh" (Typo) and "dont" (Spelling): 2 errors; 5 words
        makeDialogue('typos', [['user', 'She dont like teh movie.']]),
        makeDialogue('clean', [['user', 'Can you help me write an email to my boss? I will be late tomorrow.']]),
        // the code block, URL and file path are stripped; the prose left is clean: 0 errors in 12 words
        makeDialogue('code', [
          ['user', 'Here is my code:\n```js\nconst x = foo(;\nconsole.log(x)\n```'],
          ['user', 'It fails when I open https://example.com/api/v1?id=3 or /etc/app/config.yaml please help'],
        ]),
        makeDialogue('only-code', [['user', '```\nSELECT * FROM t;\n```'], ['user', '']]),
      ];
      const annotations = await annotator.annotate(dialogues, { cache: createMemoryCache(), progress: silentProgress, options: {} });
      const byId = Object.fromEntries(annotations.map((annotation) => [annotation.dialogueId, annotation]));
      // 3 errors / 4 words × 100 = 75 (the assistant's identical mistakes are not counted)
      expect(byId.mistakes?.numeric).toEqual({ errors: 3, errors_per_100_words: 75 });
      expect(byId.mistakes?.userTurns?.[0]).toMatchObject({ kinds: { Capitalization: 1, Agreement: 1, Miscellaneous: 1 } });
      // 2 errors / 5 words × 100 = 40
      expect(byId.typos?.numeric).toEqual({ errors: 2, errors_per_100_words: 40 });
      expect(byId.clean?.numeric).toEqual({ errors: 0, errors_per_100_words: 0 });
      // prose: "Here is my code:" (4 words) and "It fails when I open Link or File please help" (10 words; each
      // placeholder stands for the one stripped item)
      expect(byId.code?.userTurns?.map((turn) => turn.proseWords)).toEqual([4, 10]);
      expect(byId.code?.numeric.errors).toBe(0);
      // nothing left to lint: 0 errors, rate undefined
      expect(byId['only-code']?.numeric).toEqual({ errors: 0, errors_per_100_words: null });
    } finally {
      await annotator.dispose?.();
    }
  });

  it('starts Harper once, caches per message, and lints nothing on a rerun', async () => {
    const setupSpy = vi.spyOn(LocalLinter.prototype, 'setup');
    const lintSpy = vi.spyOn(LocalLinter.prototype, 'lint');
    const cache = createMemoryCache();
    const context = { cache, progress: silentProgress, options: {} };
    const dialogues = [
      makeDialogue('a', [['user', 'I recieve the package yesterday.'], ['user', 'thanks']]),
      // the same message again in another dialogue: linted once
      makeDialogue('b', [['user', 'I recieve the package yesterday.']]),
    ];
    // LocalLinter.setup() lints "" once to warm up; count only the lints of user text
    const userTextLints = () => lintSpy.mock.calls.filter(([text]) => text !== '').length;
    const annotator = await dimension.createAnnotator('harper', {});
    try {
      const first = await annotator.annotate(dialogues, context);
      // 2 distinct messages → 2 lint calls; 2 cache misses, nothing cached before
      expect(userTextLints()).toBe(2);
      expect(cache.statistics()).toEqual({ hits: 0, misses: 2 });
      // dialogue a: "recieve" (Spelling) is 1 error; 5 + 1 = 6 words → 100 × 1/6 = 16.67 per 100 words
      expect(first[0]?.numeric).toEqual({ errors: 1, errors_per_100_words: 100 / 6 });
      // dialogue b: 1 error in 5 words → 20
      expect(first[1]?.numeric).toEqual({ errors: 1, errors_per_100_words: 20 });
      expect(cache.get(errorCacheNamespace, contentKey('thanks'))).toEqual({ errors: 0, proseWords: 1, kinds: {} });

      const second = await annotator.annotate(dialogues, context);
      expect(userTextLints()).toBe(2); // no new lint call
      expect(second).toEqual(first);
      // 2 hits on the rerun, plus the one direct get above
      expect(cache.statistics()).toEqual({ hits: 3, misses: 2 });
    } finally {
      await annotator.dispose?.();
    }
    // one linter for the whole run (LocalLinter.setup runs once per linter)
    expect(setupSpy).toHaveBeenCalledTimes(1);

    // a new annotator on a warm cache never starts Harper
    const warm = await dimension.createAnnotator('harper', {});
    await warm.annotate(dialogues, context);
    await warm.dispose?.();
    expect(setupSpy).toHaveBeenCalledTimes(1);
    expect(userTextLints()).toBe(2);
  });

  it('names the installed harper.js version in its backend and rejects unknown backends', async () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/harper.js/package.json'), 'utf8')) as {
      version: string;
    };
    expect(errorBackendDescription.startsWith(`harper.js@${manifest.version} (plaintext`)).toBe(true);
    expect(errorCacheNamespace).toBe(`error:${errorBackendDescription}`);
    await expect(dimension.createAnnotator('languagetool', {})).rejects.toThrow(
      'error backend: expected one of "harper", found "languagetool"',
    );
  });
});
