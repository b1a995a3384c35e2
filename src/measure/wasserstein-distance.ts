import { RealsimError } from '../core/realsim-error.js';

/**
 * Exact Wasserstein-1 (earth mover's) distance between the empirical distributions of two samples,
 * which may have different sizes: W1 = ∫ |F_a(x) − F_b(x)| dx, where F is the empirical CDF.
 * Both CDFs are step functions, so the integral is a finite sum over the gaps of the merged sorted
 * support: Σ_k |F_a(x_k) − F_b(x_k)| · (x_{k+1} − x_k). Same unit as the values.
 *
 * Throws when a side is empty or holds a non-finite value.
 */
export function wassersteinDistance(a: readonly number[], b: readonly number[]): number {
  const sortedA = sortedFiniteCopy(a, 'first');
  const sortedB = sortedFiniteCopy(b, 'second');
  const distance = wassersteinDistanceOfSorted(sortedA, null, sortedB, null);
  if (distance === null) {
    throw new RealsimError('INTERNAL', 'wassersteinDistance requires at least 1 observation per side');
  }
  return distance;
}

/**
 * W1 between two weighted samples whose values are already sorted ascending. `weightsA[k]` is the
 * (integer) multiplicity of `sortedA[k]`; null means every weight is 1. Bootstrap resamples are
 * expressed as multiplicities over the pre-sorted original sample, so no resample is ever re-sorted.
 * Returns null when a side has zero total weight.
 *
 * The CDF difference is kept as |cumA·totalB − cumB·totalA| / (totalA·totalB) so that integer weights
 * give exact steps.
 */
export function wassersteinDistanceOfSorted(
  sortedA: ArrayLike<number>,
  weightsA: ArrayLike<number> | null,
  sortedB: ArrayLike<number>,
  weightsB: ArrayLike<number> | null,
): number | null {
  const lengthA = sortedA.length;
  const lengthB = sortedB.length;
  const totalA = weightsA === null ? lengthA : sumOf(weightsA, lengthA);
  const totalB = weightsB === null ? lengthB : sumOf(weightsB, lengthB);
  if (totalA <= 0 || totalB <= 0) return null;

  let indexA = 0;
  let indexB = 0;
  let cumulativeA = 0;
  let cumulativeB = 0;
  let previous = Number.NaN;
  let integral = 0;
  while (indexA < lengthA || indexB < lengthB) {
    const valueA = indexA < lengthA ? (sortedA[indexA] as number) : Number.POSITIVE_INFINITY;
    const valueB = indexB < lengthB ? (sortedB[indexB] as number) : Number.POSITIVE_INFINITY;
    const takeA = valueA <= valueB;
    const value = takeA ? valueA : valueB;
    if (cumulativeA !== 0 || cumulativeB !== 0) {
      // Width of the gap since the previous support point, times the CDF difference on that gap.
      integral += Math.abs(cumulativeA * totalB - cumulativeB * totalA) * (value - previous);
    }
    previous = value;
    if (takeA) {
      cumulativeA += weightsA === null ? 1 : (weightsA[indexA] as number);
      indexA += 1;
    } else {
      cumulativeB += weightsB === null ? 1 : (weightsB[indexB] as number);
      indexB += 1;
    }
  }
  return integral / (totalA * totalB);
}

/**
 * W1 between two weightings of ONE sorted support (distinct values ascending): weightsA[k] and weightsB[k]
 * are how much mass each sample puts on values[k] (slots past values.length are ignored). One branch-free
 * pass: Σ_k |F_a(x_k) − F_b(x_k)| · (x_{k+1} − x_k). Returns null when a side has zero total weight.
 */
export function wassersteinDistanceOnSupport(values: Float64Array, weightsA: Float64Array, weightsB: Float64Array): number | null {
  const length = values.length;
  let totalA = 0;
  let totalB = 0;
  for (let index = 0; index < length; index += 1) {
    totalA += weightsA[index] as number;
    totalB += weightsB[index] as number;
  }
  if (totalA <= 0 || totalB <= 0) return null;
  let cumulativeA = 0;
  let cumulativeB = 0;
  let integral = 0;
  for (let index = 0; index < length - 1; index += 1) {
    cumulativeA += weightsA[index] as number;
    cumulativeB += weightsB[index] as number;
    integral += Math.abs(cumulativeA * totalB - cumulativeB * totalA) * ((values[index + 1] as number) - (values[index] as number));
  }
  return integral / (totalA * totalB);
}

function sumOf(values: ArrayLike<number>, length: number): number {
  let total = 0;
  for (let index = 0; index < length; index += 1) total += values[index] as number;
  return total;
}

function sortedFiniteCopy(values: readonly number[], side: string): Float64Array {
  const copy = Float64Array.from(values);
  for (const value of copy) {
    if (!Number.isFinite(value)) {
      throw new RealsimError(
        'INTERNAL',
        `wassersteinDistance: expected finite numbers in the ${side} sample, found "${String(value)}"`,
      );
    }
  }
  return copy.sort();
}
