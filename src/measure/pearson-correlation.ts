import { sampleCorrelation } from 'simple-statistics';
import { RealsimError } from '../core/realsim-error.js';

/**
 * Pearson's r between two paired samples (simple-statistics sampleCorrelation), in [−1, 1].
 * Returns null when there are fewer than 3 points or either side has zero variance (r undefined).
 */
export function pearsonCorrelation(x: readonly number[], y: readonly number[]): number | null {
  if (x.length !== y.length) {
    throw new RealsimError(
      'INTERNAL',
      `pearsonCorrelation: expected samples of equal length, found ${x.length} and ${y.length}`,
    );
  }
  if (x.length < 3 || isConstant(x) || isConstant(y)) return null;
  const r = sampleCorrelation(x as number[], y as number[]);
  if (!Number.isFinite(r)) return null;
  return Math.max(-1, Math.min(1, r));
}

function isConstant(values: readonly number[]): boolean {
  const first = values[0];
  return values.every((value) => value === first);
}
