import { describe, expect, it } from 'vitest';
import { bootstrapIntervals } from '../../src/measure/bootstrap-interval.js';
import { KernelArena } from '../../src/measure/kernels/resampling-kernels.js';
import { createSeededRandom } from '../../src/measure/seeded-random.js';

describe('bootstrap by scenario (clusters of pairs)', () => {
  const clusters = Uint32Array.from([0, 0, 0, 0, 1, 2, 2, 3]);

  for (const withArena of [false, true]) {
    it(`draws whole scenarios: the pairs of a scenario always share a weight, and the scenarios' weights sum to their count${withArena ? ' (kernel draws)' : ''}`, () => {
      const seen: number[][] = [];
      bootstrapIntervals({
        sizeA: 8,
        sizeB: 8,
        paired: true,
        clusters,
        resamples: 50,
        random: createSeededRandom(7),
        ...(withArena ? { arena: new KernelArena() } : {}),
        statistics: [
          (weightsA, weightsB) => {
            expect(weightsB).toBe(weightsA);
            seen.push([...weightsA]);
            return weightsA[0] ?? 0;
          },
        ],
      });
      expect(seen).toHaveLength(50);
      for (const weights of seen) {
        expect(new Set(weights.slice(0, 4)).size).toBe(1);
        expect(weights[5]).toBe(weights[6]);
        // 4 scenarios drawn: their weights (one per scenario) add up to 4
        expect((weights[0] ?? 0) + (weights[4] ?? 0) + (weights[5] ?? 0) + (weights[7] ?? 0)).toBe(4);
      }
    });
  }

  it('gives exactly the pair bootstrap when every scenario holds one pair', () => {
    const values = [3, 1, 4, 1, 5, 9, 2, 6];
    const statistic = (weights: Uint32Array) => values.reduce((sum, value, index) => sum + value * (weights[index] ?? 0), 0);
    const run = (withClusters: boolean) =>
      bootstrapIntervals({ sizeA: 8, sizeB: 8, paired: true, resamples: 200, random: createSeededRandom(3), statistics: [statistic], ...(withClusters ? { clusters: Uint32Array.from(values.keys()) } : {}) });
    expect(run(true)).toEqual(run(false));
  });

  it('is wider than the pair bootstrap when pairs of one scenario are alike', () => {
    // 4 scenarios × 4 pairs, one value per scenario: drawing pairs one by one understates the spread
    const values = [0, 0, 0, 0, 10, 10, 10, 10, 20, 20, 20, 20, 30, 30, 30, 30];
    const grouped = Uint32Array.from(values.keys(), (index) => Math.floor(index / 4));
    const mean = (weights: Uint32Array) => values.reduce((sum, value, index) => sum + value * (weights[index] ?? 0), 0) / values.length;
    const width = (clustersOrNot: Uint32Array | undefined) => {
      const [interval] = bootstrapIntervals({ sizeA: 16, sizeB: 16, paired: true, resamples: 2000, random: createSeededRandom(11), statistics: [mean], clusters: clustersOrNot });
      return (interval?.high ?? 0) - (interval?.low ?? 0);
    };
    expect(width(grouped)).toBeGreaterThan(1.5 * width(undefined));
  });
});
