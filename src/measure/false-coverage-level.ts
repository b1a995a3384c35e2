/**
 * The coverage of every interval of one family of tests that makes the intervals agree with Benjamini–Hochberg
 * at false discovery rate `alpha` (Benjamini & Yekutieli 2005, false-coverage-statement-rate adjusted
 * intervals): with m tests of which R have q ≤ alpha, level = 1 − max(R, 1)·alpha / m. A test is selected by
 * BH exactly when p ≤ R·alpha / m, so an interval at this level leaves out "no difference" exactly for the
 * selected tests, and the selected intervals together cover their parameters with false-coverage rate ≤ alpha.
 * With no test selected the level is the Bonferroni 1 − alpha / m. m = 0 gives 1 − alpha.
 */
export function falseCoverageLevel(qValues: ReadonlyArray<number | null>, alpha: number): number {
  const tests = qValues.filter((q) => q !== null).length;
  const selected = qValues.filter((q) => q !== null && q <= alpha).length;
  if (tests === 0) return 1 - alpha;
  return 1 - (Math.max(selected, 1) * alpha) / tests;
}
