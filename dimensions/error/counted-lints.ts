/**
 * Which Harper lints count as a user's grammar or spelling error (README.md explains each choice).
 *
 * Counted: Spelling, Typo, Capitalization, Agreement, Grammar, Punctuation, Repetition, Usage,
 * WordChoice, WordOrder, Eggcorn, Malapropism, Nonstandard, BoundaryError, Miscellaneous — and any kind a
 * later Harper adds, unless listed below.
 * Not counted: advice about style rather than correctness.
 */
export const uncountedLintKinds: ReadonlySet<string> = new Set([
  'Style', // Oxford comma, "because" for "cuz", shorter verb forms
  'Enhancement', // "excellent" for "very good"
  'Readability', // sentence length
  'Formatting', // double/trailing spaces, en dashes, the ellipsis character: invisible or typographic in chat
  'Redundancy', // "and also", "most ideal": concision advice
  'Regionalism', // a dialect's spelling is not an error
]);

/**
 * Harper rules switched off in the linter: their kind is counted in general, but they only state a
 * preference. (Lints of uncounted kinds are filtered after linting instead, since Harper's API does not map
 * rule names to kinds.)
 */
export const disabledHarperRules: readonly string[] = [
  'OkToOkay', // "ok" → "okay" (kind Spelling)
];

export interface LintSummary {
  kind: string;
  problemText: string;
}

/**
 * Spelling lints on tokens that are not words a speller can judge: acronyms and product codes in capitals
 * ("IDPA", "GPUs"), anything with a digit ("i5-11400H", "4K"), and dataset anonymization tokens ("NAME_1").
 */
export function isUnjudgeableSpellingToken(problemText: string): boolean {
  return /^[A-Z][A-Z0-9&-]*[A-Z0-9](?:'?s)?$/.test(problemText) || /\d/.test(problemText) || /_/.test(problemText);
}

export function isCountedLint(lint: LintSummary): boolean {
  if (uncountedLintKinds.has(lint.kind)) return false;
  if (lint.kind === 'Spelling' && isUnjudgeableSpellingToken(lint.problemText)) return false;
  return true;
}
