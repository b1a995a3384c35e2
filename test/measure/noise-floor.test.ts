import { describe, expect, it } from 'vitest';
import { RealsimError } from '../../src/core/realsim-error.js';
import { noiseFloor, noiseFloors } from '../../src/measure/noise-floor.js';
import { createSeededRandom } from '../../src/measure/seeded-random.js';
import { wassersteinDistanceOfSorted } from '../../src/measure/wasserstein-distance.js';

describe('noiseFloor', () => {
  it('is the median of the split distances', () => {
    // The distance ignores the halves and returns 5, 1, 3 on successive splits: median 3.
    const sequence = [5, 1, 3];
    let call = 0;
    const floor = noiseFloor({ size: 10, distance: () => sequence[call++] ?? null, random: createSeededRandom(1), splits: 3 });
    expect(floor).toBe(3);
    // Four splits 4, 1, 3, 2 → sorted 1, 2, 3, 4 → median (2 + 3) / 2 = 2.5
    const four = [4, 1, 3, 2];
    call = 0;
    expect(noiseFloor({ size: 10, distance: () => four[call++] ?? null, random: createSeededRandom(1), splits: 4 })).toBe(2.5);
  });

  it('splits into two disjoint halves of ⌊n/2⌋ units and varies the split', () => {
    const halves: string[] = [];
    noiseFloor({
      size: 7,
      splits: 21,
      random: createSeededRandom(4),
      distance: (halfA, halfB) => {
        expect([...halfA].reduce((total, weight) => total + weight, 0)).toBe(3);
        expect([...halfB].reduce((total, weight) => total + weight, 0)).toBe(3);
        halfA.forEach((weight, index) => {
          expect(weight === 0 || halfB[index] === 0).toBe(true);
        });
        halves.push(halfA.join(''));
        return 0;
      },
    });
    expect(halves).toHaveLength(21);
    expect(new Set(halves).size).toBeGreaterThan(5);
  });

  it('is exactly the known median on a tiny set of values', () => {
    // Values [0, 0, 10, 10]: a 2 + 2 split is either {0,0} | {10,10} (W1 = 10) or {0,10} | {0,10}
    // (W1 = 0). Of the 6 ways to pick half A, 2 give 10 and 4 give 0, so most splits give 0; with 21
    // seeded splits the median is 0, and the 10s are seen too.
    const values = [0, 0, 10, 10];
    const seen: number[] = [];
    const floor = noiseFloor({
      size: 4,
      random: createSeededRandom(8),
      distance: (halfA, halfB) => {
        const distance = wassersteinDistanceOfSorted(values, halfA, values, halfB) as number;
        seen.push(distance);
        return distance;
      },
    });
    expect(new Set(seen)).toEqual(new Set([0, 10]));
    expect(seen.filter((distance) => distance === 0).length).toBeGreaterThan(10);
    expect(floor).toBe(0);
  });

  it('is near 0 for a large homogeneous set', () => {
    // 2,000 draws of U[0,1): halves of 1,000 differ by sampling noise only. At each x, F_a − F_b has
    // standard deviation √(2F(1−F)/1000) and E|F_a − F_b| ≈ √(2/π) times that, so
    // E W1 ≈ √(2/π) · √(2/1000) · ∫₀¹ √(x(1−x)) dx = 0.798 · 0.0447 · π/8 ≈ 0.014.
    const random = createSeededRandom(21);
    const values = Array.from({ length: 2000 }, () => random()).sort((x, y) => x - y);
    const floor = noiseFloor({
      size: values.length,
      random: createSeededRandom(3),
      distance: (halfA, halfB) => wassersteinDistanceOfSorted(values, halfA, values, halfB),
    });
    expect(floor).toBeGreaterThan(0);
    expect(floor).toBeGreaterThan(0.005);
    expect(floor).toBeLessThan(0.03);
    // A constant set has a floor of exactly 0.
    const constant = Array.from({ length: 100 }, () => 3);
    expect(
      noiseFloor({ size: 100, random: createSeededRandom(3), distance: (a, b) => wassersteinDistanceOfSorted(constant, a, constant, b) }),
    ).toBe(0);
  });

  it('is null below 2 units or when every split is undefined, and rejects bad split counts', () => {
    expect(noiseFloor({ size: 1, distance: () => 1, random: createSeededRandom(1) })).toBeNull();
    expect(noiseFloor({ size: 10, distance: () => null, random: createSeededRandom(1) })).toBeNull();
    expect(() => noiseFloor({ size: 10, distance: () => 1, random: createSeededRandom(1), splits: 0 })).toThrow(RealsimError);
  });

  it('uses the same splits for several distances', () => {
    const values = [1, 2, 3, 5, 8, 13, 21, 34, 55];
    const distance = (a: Uint32Array, b: Uint32Array) => wassersteinDistanceOfSorted(values, a, values, b);
    const alone = noiseFloor({ size: 9, random: createSeededRandom(2), distance });
    const together = noiseFloors({ size: 9, random: createSeededRandom(2), distances: [() => 7, distance] });
    expect(together).toEqual([7, alone]);
    expect(noiseFloors({ size: 1, random: createSeededRandom(2), distances: [distance, distance] })).toEqual([null, null]);
  });

  it('is deterministic for a seed', () => {
    const values = [1, 2, 3, 5, 8, 13, 21, 34, 55];
    const run = (seed: number) =>
      noiseFloor({ size: 9, random: createSeededRandom(seed), distance: (a, b) => wassersteinDistanceOfSorted(values, a, values, b) });
    expect(run(5)).toBe(run(5));
  });
});
