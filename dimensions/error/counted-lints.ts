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
 * preference. Rules that only produce uncounted kinds are switched off too, but that list is learnt from Harper
 * at runtime (harper-rule-kinds.ts); lints of uncounted kinds from rules left on are filtered after linting.
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

export interface PlacedLint {
  kind: string;
  start: number;
  end: number;
  /** Harper's lint priority: lower wins among lints with the same span. */
  priority: number;
}

/**
 * Harper's own overlap removal (harper-core `remove_overlaps`), applied to the counted lints only: lints in
 * order of start, longer span first, then lower priority, then Harper's order; a lint starting inside the span
 * of the last kept one is dropped. Run by Harper itself over all lints, a lint that is not counted (a
 * Readability lint over a whole long sentence) hid the counted ones inside it.
 */
export function removeOverlappingLints<T extends PlacedLint>(lints: readonly T[]): T[] {
  const ordered = lints
    .map((lint, index) => ({ lint, index }))
    .sort(
      (a, b) =>
        a.lint.start - b.lint.start || b.lint.end - a.lint.end || a.lint.priority - b.lint.priority || a.index - b.index,
    );
  const kept: T[] = [];
  let coveredUntil = 0;
  for (const { lint } of ordered) {
    if (lint.start < coveredUntil) continue;
    kept.push(lint);
    coveredUntil = lint.end;
  }
  return kept;
}
