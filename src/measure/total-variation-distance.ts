import { RealsimError } from '../core/realsim-error.js';

/**
 * Total variation distance between two categorical distributions given as counts (or probabilities)
 * per category: each side is normalized by its own total, missing keys count as 0, and
 * TVD = ½ Σ_x |P(x) − Q(x)| over the union of keys. The result is in [0, 1]; reports multiply it by 100.
 *
 * Throws when a side has no mass at all (the distribution is undefined).
 */
export function totalVariationDistance(p: Record<string, number>, q: Record<string, number>): number {
  const keys = [...new Set([...Object.keys(p), ...Object.keys(q)])];
  const countsP = new Float64Array(keys.length);
  const countsQ = new Float64Array(keys.length);
  keys.forEach((key, index) => {
    countsP[index] = checkedMass(p[key], key);
    countsQ[index] = checkedMass(q[key], key);
  });
  const distance = totalVariationDistanceOfCounts(countsP, countsQ);
  if (distance === null) {
    throw new RealsimError('INTERNAL', 'totalVariationDistance requires at least 1 observation per side');
  }
  return distance;
}

/**
 * TVD between two aligned count vectors (index = category). Returns null when a side has zero total.
 * Computed as Σ |a·B − b·A| / (2·A·B), which is exact for integer counts below 2^26 per total.
 */
export function totalVariationDistanceOfCounts(
  countsA: ArrayLike<number>,
  countsB: ArrayLike<number>,
): number | null {
  let totalA = 0;
  let totalB = 0;
  for (let index = 0; index < countsA.length; index += 1) totalA += countsA[index] ?? 0;
  for (let index = 0; index < countsB.length; index += 1) totalB += countsB[index] ?? 0;
  if (totalA <= 0 || totalB <= 0) return null;
  const length = Math.max(countsA.length, countsB.length);
  let sum = 0;
  for (let index = 0; index < length; index += 1) {
    sum += Math.abs((countsA[index] ?? 0) * totalB - (countsB[index] ?? 0) * totalA);
  }
  return Math.min(1, sum / (2 * totalA * totalB));
}

function checkedMass(value: number | undefined, key: string): number {
  if (value === undefined) return 0;
  if (!Number.isFinite(value) || value < 0) {
    throw new RealsimError(
      'INTERNAL',
      `totalVariationDistance: expected a finite count ≥ 0 for category "${key}", found "${String(value)}"`,
    );
  }
  return value;
}
