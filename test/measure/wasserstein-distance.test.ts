import { describe, expect, it } from 'vitest';
import { RealsimError } from '../../src/core/realsim-error.js';
import { createSeededRandom, randomIndex } from '../../src/measure/seeded-random.js';
import { wassersteinDistance, wassersteinDistanceOfSorted, wassersteinDistanceOnSupport } from '../../src/measure/wasserstein-distance.js';

/**
 * Independent check: W1 = ∫₀¹ |F_a⁻¹(u) − F_b⁻¹(u)| du. Both quantile functions are step functions
 * with breaks at k/n_a and k/n_b; between consecutive breaks both are constant.
 */
function wassersteinByQuantiles(a: number[], b: number[]): number {
  const sortedA = [...a].sort((x, y) => x - y);
  const sortedB = [...b].sort((x, y) => x - y);
  const breaks = new Set<number>([0, 1]);
  for (let k = 1; k < sortedA.length; k += 1) breaks.add(k / sortedA.length);
  for (let k = 1; k < sortedB.length; k += 1) breaks.add(k / sortedB.length);
  const points = [...breaks].sort((x, y) => x - y);
  let integral = 0;
  for (let index = 0; index + 1 < points.length; index += 1) {
    const low = points[index] as number;
    const high = points[index + 1] as number;
    const middle = (low + high) / 2;
    const quantileA = sortedA[Math.floor(middle * sortedA.length)] as number;
    const quantileB = sortedB[Math.floor(middle * sortedB.length)] as number;
    integral += Math.abs(quantileA - quantileB) * (high - low);
  }
  return integral;
}

describe('wassersteinDistance', () => {
  it('is the shift for a translated sample', () => {
    // [0,1,3] + 5 = [5,6,8]: every unit of mass moves 5 → W1 = 5.
    expect(wassersteinDistance([0, 1, 3], [5, 6, 8])).toBe(5);
  });

  it('handles one point against two', () => {
    // F_a = 1 from 0 on; F_b = 0 below 1, 1/2 on [1,2), 1 from 2.
    // ∫ = |1−0|·(1−0) + |1−½|·(2−1) = 1 + 0.5 = 1.5
    expect(wassersteinDistance([0], [1, 2])).toBe(1.5);
  });

  it('handles unequal sizes with shared support points', () => {
    // a = [1,2,3]: F_a = 1/3 on [1,2), 2/3 on [2,3), 1 from 3.
    // b = [1,3]:   F_b = 1/2 on [1,3), 1 from 3.
    // ∫ = |1/3−1/2|·(2−1) + |2/3−1/2|·(3−2) = 1/6 + 1/6 = 1/3
    expect(wassersteinDistance([1, 2, 3], [1, 3])).toBeCloseTo(1 / 3, 14);
    expect(wassersteinDistance([1, 3], [3, 2, 1])).toBeCloseTo(1 / 3, 14);
  });

  it('is 0 for the same multiset in another order and ignores input order', () => {
    expect(wassersteinDistance([3, 1, 2, 2], [2, 3, 2, 1])).toBe(0);
    // Duplicating every point does not change the distribution.
    expect(wassersteinDistance([1, 5], [1, 1, 5, 5])).toBe(0);
  });

  it('agrees with the quantile-function integral on random samples of unequal sizes', () => {
    const random = createSeededRandom(2024);
    for (let trial = 0; trial < 200; trial += 1) {
      const sizeA = 1 + randomIndex(random, 12);
      const sizeB = 1 + randomIndex(random, 12);
      // Small integers make ties frequent, which is the hard case for the merge.
      const a = Array.from({ length: sizeA }, () => randomIndex(random, 6) + (trial % 2 === 0 ? random() : 0));
      const b = Array.from({ length: sizeB }, () => randomIndex(random, 6) + (trial % 2 === 0 ? random() : 0));
      expect(wassersteinDistance(a, b)).toBeCloseTo(wassersteinByQuantiles(a, b), 10);
    }
  });

  it('rejects empty samples and non-finite values', () => {
    expect(() => wassersteinDistance([], [1])).toThrow(RealsimError);
    expect(() => wassersteinDistance([1], [])).toThrow('wassersteinDistance requires at least 1 observation per side');
    expect(() => wassersteinDistance([1, Number.NaN], [1])).toThrow(/found "NaN"/);
  });
});

describe('wassersteinDistanceOfSorted', () => {
  it('treats weights as multiplicities', () => {
    // weights [2,0,1] over [0,1,4] is the sample [0,0,4]; against [1]:
    // F_a = 2/3 on [0,4), 1 from 4; F_b = 0 below 1, 1 from 1.
    // ∫ = 2/3·(1−0) + |2/3−1|·(4−1) = 2/3 + 1 = 5/3
    const weighted = wassersteinDistanceOfSorted([0, 1, 4], [2, 0, 1], [1], null);
    expect(weighted).toBeCloseTo(5 / 3, 14);
    expect(weighted).toBeCloseTo(wassersteinDistance([0, 0, 4], [1]), 14);
  });

  it('returns null when a side has zero total weight', () => {
    expect(wassersteinDistanceOfSorted([1, 2], [0, 0], [1], null)).toBeNull();
  });
});

describe('wassersteinDistanceOnSupport', () => {
  it('is W1 between two weightings of one support', () => {
    // Support [0, 1, 2, 4]. A = [0, 0, 4] (weights 2, 0, 0, 1), B = [1, 2, 2] (weights 0, 1, 2, 0).
    // F_a = 2/3 on [0, 4); F_b = 0 on [0, 1), 1/3 on [1, 2), 1 from 2.
    // ∫ = 2/3·1 + |2/3 − 1/3|·1 + |2/3 − 1|·2 = 2/3 + 1/3 + 2/3 = 5/3
    const support = Float64Array.from([0, 1, 2, 4]);
    // a spare fifth slot (dialogues without a value) must be ignored
    const distance = wassersteinDistanceOnSupport(support, Float64Array.from([2, 0, 0, 1, 7]), Float64Array.from([0, 1, 2, 0, 9]));
    expect(distance).toBeCloseTo(5 / 3, 14);
    expect(distance).toBeCloseTo(wassersteinDistance([0, 0, 4], [1, 2, 2]), 14);
  });

  it('agrees with wassersteinDistance on random integer samples, and is null for an empty side', () => {
    const random = createSeededRandom(4);
    for (let trial = 0; trial < 20; trial += 1) {
      const a = Array.from({ length: 1 + randomIndex(random, 30) }, () => randomIndex(random, 12));
      const b = Array.from({ length: 1 + randomIndex(random, 30) }, () => randomIndex(random, 12) + 0.5 * trial);
      const support = Float64Array.from(new Set([...a, ...b])).sort();
      const weightsOf = (sample: number[]) => Float64Array.from(support, (value) => sample.filter((x) => x === value).length);
      expect(wassersteinDistanceOnSupport(support, weightsOf(a), weightsOf(b))).toBeCloseTo(wassersteinDistance(a, b), 12);
    }
    expect(wassersteinDistanceOnSupport(Float64Array.from([1, 2]), Float64Array.from([0, 0]), Float64Array.from([1, 1]))).toBeNull();
  });
});
