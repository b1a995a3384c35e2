import { describe, expect, it } from 'vitest';
import { RealsimError } from '../../src/core/realsim-error.js';
import {
  totalVariationDistance,
  totalVariationDistanceOfCounts,
} from '../../src/measure/total-variation-distance.js';

describe('totalVariationDistance', () => {
  it('matches a 3-category example worked out by hand', () => {
    // P counts a:6 b:3 c:1 (total 10) → 0.60, 0.30, 0.10
    // Q counts a:1 b:3      (total 4)  → 0.25, 0.75, 0.00
    // |P−Q| = 0.35 + 0.45 + 0.10 = 0.90 → TVD = ½ · 0.90 = 0.45
    expect(totalVariationDistance({ a: 6, b: 3, c: 1 }, { a: 1, b: 3 })).toBeCloseTo(0.45, 12);
  });

  it('gives the same value for counts and for probabilities', () => {
    expect(totalVariationDistance({ a: 0.6, b: 0.3, c: 0.1 }, { a: 0.25, b: 0.75 })).toBeCloseTo(0.45, 12);
  });

  it('is 0 for proportional counts and 1 for disjoint supports', () => {
    expect(totalVariationDistance({ a: 2, b: 4 }, { a: 10, b: 20 })).toBe(0);
    expect(totalVariationDistance({ a: 5 }, { b: 1, c: 7 })).toBe(1);
  });

  it('is symmetric', () => {
    const p = { joy: 3, anger: 1, neutral: 8 };
    const q = { joy: 1, neutral: 2, fear: 1 };
    expect(totalVariationDistance(p, q)).toBe(totalVariationDistance(q, p));
  });

  it('throws when a side has no mass', () => {
    expect(() => totalVariationDistance({ a: 0 }, { a: 1 })).toThrow(RealsimError);
    expect(() => totalVariationDistance({ a: 1 }, {})).toThrow(
      'totalVariationDistance requires at least 1 observation per side',
    );
    expect(() => totalVariationDistance({ a: -1, b: 2 }, { a: 1 })).toThrow(/expected a finite count ≥ 0 for category "a", found "-1"/);
  });
});

describe('totalVariationDistanceOfCounts', () => {
  it('works on aligned vectors and returns null without mass', () => {
    // [1, 1] → 0.5, 0.5; [0, 3] → 0, 1: ½ (0.5 + 0.5) = 0.5
    expect(totalVariationDistanceOfCounts(Float64Array.of(1, 1), Float64Array.of(0, 3))).toBe(0.5);
    expect(totalVariationDistanceOfCounts([0, 0], [1, 2])).toBeNull();
  });
});
