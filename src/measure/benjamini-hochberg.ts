import { RealsimError, quoteForMessage } from '../core/realsim-error.js';

/**
 * Benjamini–Hochberg adjusted p-values (q-values) controlling the false discovery rate over one family
 * of tests. With the m non-null p-values sorted ascending, p(1) ≤ … ≤ p(m):
 *   q(i) = min over j ≥ i of ( m · p(j) / j ), capped at 1,
 * so a test is "significant at FDR α" when its q ≤ α. null entries (tests not run) are not counted in m
 * and stay null. The result is in the input order; tied p-values get the same q.
 */
export function benjaminiHochberg(pValues: ReadonlyArray<number | null>): Array<number | null> {
  const defined: Array<{ p: number; index: number }> = [];
  pValues.forEach((p, index) => {
    if (p === null) return;
    if (!(p >= 0 && p <= 1)) {
      throw new RealsimError('INTERNAL', `benjaminiHochberg: expected p-values in [0, 1], found ${quoteForMessage(String(p))}`);
    }
    defined.push({ p, index });
  });
  defined.sort((a, b) => a.p - b.p || a.index - b.index);
  const count = defined.length;
  const adjusted: Array<number | null> = pValues.map(() => null);
  let runningMinimum = 1;
  for (let rank = count; rank >= 1; rank -= 1) {
    const entry = defined[rank - 1] as { p: number; index: number };
    runningMinimum = Math.min(runningMinimum, (count * entry.p) / rank);
    adjusted[entry.index] = runningMinimum;
  }
  return adjusted;
}
