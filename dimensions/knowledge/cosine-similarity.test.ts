import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from './cosine-similarity.js';

describe('cosineSimilarity', () => {
  it('matches hand-computed values', () => {
    // (1,2,3)·(4,5,6) = 32; |a| = √14, |b| = √77; 32 / √1078 = 32 / 32.8329… = 0.974631846…
    expect(cosineSimilarity([1, 2, 3], [4, 5, 6])).toBeCloseTo(0.974631846, 8);
    // orthogonal: 1·0 + 0·1 = 0
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    // opposite: (1,1)·(−2,−2) = −4; |a||b| = √2·√8 = 4 → −1
    expect(cosineSimilarity([1, 1], [-2, -2])).toBe(-1);
    // (3,4)·(4,3) = 24; |a||b| = 5·5 = 25 → 0.96 (scale does not matter)
    expect(cosineSimilarity([3, 4], [40, 30])).toBeCloseTo(0.96, 12);
    expect(cosineSimilarity(new Float32Array([3, 4]), [4, 3])).toBeCloseTo(0.96, 6);
  });

  it('is null for a zero vector and rejects unequal lengths', () => {
    expect(cosineSimilarity([0, 0], [1, 2])).toBeNull();
    expect(() => cosineSimilarity([1, 2], [1, 2, 3])).toThrow(/expected vectors of equal length, found 2 and 3/);
  });
});
