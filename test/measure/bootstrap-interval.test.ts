import { describe, expect, it } from 'vitest';
import { RealsimError } from '../../src/core/realsim-error.js';
import { bootstrapInterval, bootstrapIntervals, sortedQuantile, type ResampledStatistic } from '../../src/measure/bootstrap-interval.js';
import { createSeededRandom } from '../../src/measure/seeded-random.js';
import { wassersteinDistanceOfSorted } from '../../src/measure/wasserstein-distance.js';

/** Weighted mean of `values` under multiplicity weights. */
function weightedMean(values: number[], weights: Uint32Array): number {
  let total = 0;
  let count = 0;
  values.forEach((value, index) => {
    total += value * (weights[index] as number);
    count += weights[index] as number;
  });
  return total / count;
}

/** W1 between two already sorted samples under weights (values are sorted in these tests). */
function wassersteinStatistic(a: number[], b: number[]): ResampledStatistic {
  return (weightsA, weightsB) => wassersteinDistanceOfSorted(a, weightsA, b, weightsB);
}

describe('sortedQuantile', () => {
  it('interpolates linearly between order statistics (type 7)', () => {
    // [1,2,3,4], p = 0.25: position (4−1)·0.25 = 0.75 → 1 + 0.75·(2−1) = 1.75
    expect(sortedQuantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    // p = 0.975 on 0..100 (101 values): position 97.5 → 97.5
    expect(sortedQuantile(Array.from({ length: 101 }, (_, index) => index), 0.975)).toBe(97.5);
    expect(sortedQuantile([7], 0.5)).toBe(7);
  });
});

describe('bootstrapInterval', () => {
  const random = createSeededRandom(11);
  const sampleA = Array.from({ length: 200 }, () => random()).sort((x, y) => x - y);
  const sampleB = Array.from({ length: 150 }, () => 1 + random()).sort((x, y) => x - y);

  it('is deterministic for a seed and changes with the seed', () => {
    const run = (seed: number) =>
      bootstrapInterval({
        sizeA: sampleA.length,
        sizeB: sampleB.length,
        statistic: wassersteinStatistic(sampleA, sampleB),
        random: createSeededRandom(seed),
        resamples: 300,
      });
    const first = run(1);
    expect(run(1)).toEqual(first);
    expect(run(2)).not.toEqual(first);
    expect(first.validResamples).toBe(300);
  });

  it('contains the true value on an easy case', () => {
    // A ~ U[0,1), B ~ U[1,2): the populations differ by a shift of exactly 1, so the population W1 is 1.
    // With disjoint supports every resample's W1 equals its mean difference, an unbiased estimate.
    const interval = bootstrapInterval({
      sizeA: sampleA.length,
      sizeB: sampleB.length,
      statistic: wassersteinStatistic(sampleA, sampleB),
      random: createSeededRandom(5),
    });
    expect(interval.validResamples).toBe(1000);
    expect(interval.low).toBeLessThan(1);
    expect(interval.high).toBeGreaterThan(1);
    // The standard error of a mean difference here is √(1/12/200 + 1/12/150) ≈ 0.031, so the 95%
    // interval is about ±0.06 wide: a sanity bound on its width.
    expect((interval.high as number) - (interval.low as number)).toBeGreaterThan(0.06);
    expect((interval.high as number) - (interval.low as number)).toBeLessThan(0.18);
  });

  it('draws n units with replacement per side, independently unless paired', () => {
    const seenSums: Array<[number, number, boolean]> = [];
    const statistic: ResampledStatistic = (weightsA, weightsB) => {
      const sumA = weightsA.reduce((total, weight) => total + weight, 0);
      const sumB = weightsB.reduce((total, weight) => total + weight, 0);
      seenSums.push([sumA, sumB, weightsA === weightsB]);
      return 0;
    };
    bootstrapInterval({ sizeA: 4, sizeB: 7, statistic, random: createSeededRandom(3), resamples: 5 });
    expect(seenSums).toEqual(Array.from({ length: 5 }, () => [4, 7, false]));
    seenSums.length = 0;
    bootstrapInterval({ sizeA: 6, sizeB: 6, statistic, random: createSeededRandom(3), resamples: 5, paired: true });
    expect(seenSums).toEqual(Array.from({ length: 5 }, () => [6, 6, true]));
  });

  it('moves both sides of a pair together when paired', () => {
    // B = A + 0.5 pair by pair: the paired mean difference is 0.5 in every resample, so the interval is
    // exactly [0.5, 0.5]; resampled independently it has a real width.
    const a = Array.from({ length: 50 }, (_, index) => index % 7);
    const b = a.map((value) => value + 0.5);
    const meanDifference: ResampledStatistic = (weightsA, weightsB) => weightedMean(b, weightsB) - weightedMean(a, weightsA);
    const paired = bootstrapInterval({ sizeA: 50, sizeB: 50, statistic: meanDifference, random: createSeededRandom(9), paired: true });
    expect(paired.low).toBeCloseTo(0.5, 12);
    expect(paired.high).toBeCloseTo(0.5, 12);
    const independent = bootstrapInterval({ sizeA: 50, sizeB: 50, statistic: meanDifference, random: createSeededRandom(9) });
    expect((independent.high as number) - (independent.low as number)).toBeGreaterThan(0.5);
  });

  it('leaves out resamples whose statistic is null and reports none when all are', () => {
    let call = 0;
    const sometimesNull: ResampledStatistic = () => {
      call += 1;
      return call % 2 === 0 ? null : call;
    };
    const interval = bootstrapInterval({ sizeA: 3, sizeB: 3, statistic: sometimesNull, random: createSeededRandom(1), resamples: 10 });
    // Valid values 1,3,5,7,9: quantile 0.025 → position 0.1 → 1.2; 0.975 → position 3.9 → 8.8
    expect(interval).toEqual({ low: expect.closeTo(1.2, 12), high: expect.closeTo(8.8, 12), validResamples: 5 });
    expect(bootstrapInterval({ sizeA: 3, sizeB: 3, statistic: () => null, random: createSeededRandom(1), resamples: 10 })).toEqual({
      low: null,
      high: null,
      validResamples: 0,
    });
  });

  it('evaluates several statistics on the same resamples, each as if it were alone', () => {
    const statistic = wassersteinStatistic(sampleA, sampleB);
    const other: ResampledStatistic = (weightsA) => weightsA[0] as number;
    const options = { sizeA: sampleA.length, sizeB: sampleB.length, resamples: 200 };
    const alone = bootstrapInterval({ ...options, statistic, random: createSeededRandom(6) });
    const together = bootstrapIntervals({ ...options, statistics: [other, statistic], random: createSeededRandom(6) });
    expect(together[1]).toEqual(alone);
    expect(together).toHaveLength(2);
  });

  it('rejects bad options', () => {
    const statistic: ResampledStatistic = () => 0;
    const random = createSeededRandom(1);
    expect(() => bootstrapInterval({ sizeA: 2, sizeB: 2, statistic, random, resamples: 0 })).toThrow(RealsimError);
    expect(() => bootstrapInterval({ sizeA: 2, sizeB: 3, statistic, random, paired: true })).toThrow(/equal sizes when paired, found 2 and 3/);
    expect(() => bootstrapInterval({ sizeA: 2, sizeB: 2, statistic, random, confidenceLevel: 1 })).toThrow(/confidence level in \(0, 1\), found "1"/);
  });
});
