import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../src/measure/benjamini-hochberg.js';

describe('benjaminiHochberg', () => {
  it('matches a hand-computed example', () => {
    // p = [0.01, 0.04, 0.03, 0.20, null]: m = 4 defined p-values. Sorted with ranks:
    //   0.01 (1), 0.03 (2), 0.04 (3), 0.20 (4); m·p/rank = 0.04, 0.06, 0.05333, 0.20.
    // Running minimum from the largest rank down: rank 4 → 0.20; rank 3 → min(0.20, 0.05333) = 0.05333;
    // rank 2 → min(0.05333, 0.06) = 0.05333; rank 1 → min(0.05333, 0.04) = 0.04.
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.2, null]);
    expect(q[0]).toBeCloseTo(0.04, 12);
    expect(q[1]).toBeCloseTo(0.16 / 3, 12);
    expect(q[2]).toBeCloseTo(0.16 / 3, 12);
    expect(q[3]).toBeCloseTo(0.2, 12);
    expect(q[4]).toBeNull();
  });

  it('gives tied p-values the same q and never exceeds 1', () => {
    // [0.02, 0.02]: rank 2 → 2·0.02/2 = 0.02; rank 1 → min(0.02, 2·0.02/1) = 0.02.
    expect(benjaminiHochberg([0.02, 0.02])).toEqual([0.02, 0.02]);
    // [0.6, 0.9, 1]: rank 3 → 1; rank 2 → min(1, 3·0.9/2 = 1.35) = 1; rank 1 → min(1, 1.8) = 1.
    expect(benjaminiHochberg([0.6, 0.9, 1])).toEqual([1, 1, 1]);
    // a single test is not adjusted
    expect(benjaminiHochberg([0.03])).toEqual([0.03]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('rejects a value outside [0, 1]', () => {
    expect(() => benjaminiHochberg([0.5, 1.5])).toThrow(/expected p-values in \[0, 1\], found "1.5"/);
  });
});
