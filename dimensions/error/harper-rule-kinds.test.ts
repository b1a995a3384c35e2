import { LocalLinter } from 'harper.js';
import { slimBinary } from 'harper.js/slimBinary';
import { describe, expect, it } from 'vitest';
import { disabledHarperRules, isCountedLint, removeOverlappingLints, uncountedLintKinds, type PlacedLint } from './counted-lints.js';
import { createMemoryCache } from '../../src/annotate/annotation-cache.js';
import { countedLintConfig, createHarperGrammarChecker, harperRuleKinds, isRuleKinds, ruleKindsCacheKey } from './harper-grammar-checker.js';
import { probeParagraphsFromDescriptions, producesOnlyUncountedKinds, selectCountedLintConfig } from './harper-rule-kinds.js';

/**
 * One long unpunctuated sentence (a Readability lint from LongSentences spans all of it) with mistakes inside:
 * lower-case "i" ×2 (the first also the sentence start), "the the", "goes" after "they", "dont", "alot", "there owners".
 */
const longSentenceWithMistakes =
  'i think that the the dogs is going to the park and they was very happy and i dont know why they goes there every ' +
  'day but it seems like they enjoys it alot and there owners also likes to walk with them when the weather are nice ' +
  'and sunny outside';

function placed(kind: string, start: number, end: number, priority = 31): PlacedLint {
  return { kind, start, end, priority };
}

describe('overlap removal among counted lints', () => {
  it('keeps the longer of two lints that start together and drops lints inside a kept one', () => {
    const kept = removeOverlappingLints([placed('Spelling', 5, 9), placed('Typo', 5, 12), placed('Grammar', 7, 8), placed('Usage', 12, 14)]);
    expect(kept.map((lint) => lint.kind)).toEqual(['Typo', 'Usage']);
  });

  it('keeps the lower priority of two lints on the same span, and keeps adjacent lints', () => {
    const kept = removeOverlappingLints([placed('Typo', 0, 4, 63), placed('Spelling', 0, 4, 31), placed('Agreement', 4, 6)]);
    expect(kept.map((lint) => lint.kind)).toEqual(['Spelling', 'Agreement']);
  });

  it('does not depend on the order the lints come in, except between exact ties', () => {
    const lints = [placed('Spelling', 10, 14), placed('Capitalization', 0, 1), placed('BoundaryError', 10, 12, 10)];
    expect(removeOverlappingLints(lints)).toEqual(removeOverlappingLints([...lints].reverse()));
    expect(removeOverlappingLints(lints).map((lint) => lint.kind)).toEqual(['Capitalization', 'Spelling']);
  });
});

describe('the lint configuration learnt from Harper', () => {
  it('takes the backtick examples of each rule description in rule-name order', () => {
    expect(probeParagraphsFromDescriptions({ Zeta: 'Corrects `a couple of more` to `a couple more`.', Alpha: 'Flags `alot`.' })).toEqual([
      'alot',
      'a couple of more',
      'a couple more',
    ]);
  });

  it('switches a rule off only when it was seen and all it produced is uncounted', () => {
    expect(producesOnlyUncountedKinds(['Style', 'Redundancy'])).toBe(true);
    expect(producesOnlyUncountedKinds(['Redundancy', 'WordChoice'])).toBe(false);
    expect(producesOnlyUncountedKinds([])).toBe(false);
    expect(producesOnlyUncountedKinds(undefined)).toBe(false);
    const config = selectCountedLintConfig(
      { StyleOnly: true, Mixed: true, Unseen: true, OffByDefault: false, Preference: true },
      { StyleOnly: ['Style'], Mixed: ['Redundancy', 'WordChoice'], OffByDefault: ['Spelling'], Preference: ['Spelling'] },
      ['Preference'],
    );
    expect(config).toEqual({ Mixed: true, OffByDefault: false, Preference: false, StyleOnly: false, Unseen: true });
  });

  it('leaves on every default rule seen to produce a counted kind and every rule it could not classify', async () => {
    const ruleKinds = await harperRuleKinds();
    const config = await countedLintConfig();
    const linter = new LocalLinter({ binary: slimBinary });
    const defaultConfig = await linter.getDefaultLintConfig();
    await linter.dispose();
    const switchedOff = Object.keys(defaultConfig).filter((rule) => defaultConfig[rule] === true && config[rule] === false);
    for (const rule of switchedOff) {
      if (disabledHarperRules.includes(rule)) continue;
      expect(ruleKinds[rule]!.every((kind) => uncountedLintKinds.has(kind)), rule).toBe(true);
    }
    // the probe learns something: the Style "Expand…" abbreviations and the Redundancy rules are switched off
    expect(switchedOff.length).toBeGreaterThan(40);
    expect(config.ExpandBecause).toBe(false);
    expect(config.SpellCheck).toBe(true);
    expect(config.OkToOkay).toBe(false);
  });

  // Canary for a harper.js upgrade: a rule that produces counted lints on user-like text must be on. Fails
  // when a new rule's description examples only show an uncounted kind while the rule also flags real errors.
  it('enables every rule that finds a counted error in user-like text (canary for harper.js upgrades)', async () => {
    const userLikeText = [
      longSentenceWithMistakes,
      'i has a apple',
      'She dont like teh movie.',
      'I recieve the package yesterday.',
      'Their going too the store tomorow, could of been worse.',
      'me and him goes to school everyday, its alright i guess.',
      'Can you help me write an email to my boss? I will be late tomorrow.',
      'whats the diffrence between affect and effect, i never know witch one to use',
    ].join('\n\n');
    const config = await countedLintConfig();
    const linter = new LocalLinter({ binary: slimBinary });
    try {
      await linter.setup();
      const lintsByRule = await linter.organizedLints(userLikeText, { language: 'plaintext', dedup: false });
      const rulesWithCountedLints: string[] = [];
      for (const [rule, lints] of Object.entries(lintsByRule)) {
        if (lints.some((lint) => isCountedLint({ kind: lint.lint_kind(), problemText: lint.get_problem_text() }))) {
          rulesWithCountedLints.push(rule);
        }
        for (const lint of lints) lint.free();
      }
      expect(rulesWithCountedLints.length).toBeGreaterThan(8);
      const ruleOff = rulesWithCountedLints.filter((rule) => config[rule] !== true && !disabledHarperRules.includes(rule));
      expect(ruleOff).toEqual([]);
    } finally {
      await linter.dispose();
    }
  });
});

describe('rule kinds kept in the annotation cache', () => {
  it('reads learnt rule kinds from the cache instead of probing again, and accepts only rule → kinds maps', async () => {
    const cache = createMemoryCache();
    const namespace = 'error-rule-kinds:test';
    cache.setMany(namespace, [[ruleKindsCacheKey, { ExpandBecause: ['Style'], SpellCheck: ['Spelling'] }]]);
    // the full build has not been probed in this test file: what it returns can only come from the cache
    expect(await harperRuleKinds('full', { cache, namespace })).toEqual({ ExpandBecause: ['Style'], SpellCheck: ['Spelling'] });
    const config = await countedLintConfig('full');
    expect(config.ExpandBecause).toBe(false);
    expect(config.ExpandThrough).toBe(true);
    expect(isRuleKinds({ Rule: ['Style'] })).toBe(true);
    expect(isRuleKinds({ Rule: 'Style' })).toBe(false);
    expect(isRuleKinds([['Rule', 'Style']])).toBe(false);
    expect(isRuleKinds(null)).toBe(false);
  });
});

describe('counted lints inside a long sentence', () => {
  it('are counted although Harper\'s own overlap removal hides them behind the sentence-length lint', async () => {
    const linter = new LocalLinter({ binary: slimBinary });
    try {
      const harperDefault = await linter.lint(longSentenceWithMistakes, { language: 'plaintext' });
      // the bug this fixes: with Harper's dedup, only the uncounted Readability lint is left
      expect(harperDefault.map((lint) => lint.lint_kind())).toEqual(['Readability']);
    } finally {
      await linter.dispose();
    }
    const checker = await createHarperGrammarChecker();
    try {
      expect(await checker.check(longSentenceWithMistakes)).toEqual({
        errors: 7,
        proseWords: 51,
        // "i" ×2 (the first flagged by two rules, counted once), "the the", "goes", "dont", "alot", "there owners"
        kinds: { Agreement: 1, BoundaryError: 1, Capitalization: 2, Grammar: 1, Repetition: 1, Spelling: 1 },
      });
    } finally {
      await checker.dispose();
    }
  });
});
