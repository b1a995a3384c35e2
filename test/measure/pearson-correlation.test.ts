import { describe, expect, it } from 'vitest';
import { pearsonCorrelation } from '../../src/measure/pearson-correlation.js';

describe('pearsonCorrelation', () => {
  it('matches a small example worked out by hand', () => {
    // x = [1,2,3,4] (mean 2.5), y = [2,4,5,9] (mean 5)
    // dx = [−1.5,−0.5,0.5,1.5], dy = [−3,−1,0,4]
    // Σdx·dy = 4.5 + 0.5 + 0 + 6 = 11; Σdx² = 5; Σdy² = 9 + 1 + 0 + 16 = 26
    // r = 11 / √(5·26) = 11 / 11.401754 = 0.964764 (6 decimals)
    expect(pearsonCorrelation([1, 2, 3, 4], [2, 4, 5, 9])).toBeCloseTo(11 / Math.sqrt(130), 12);
    expect(pearsonCorrelation([1, 2, 3, 4], [2, 4, 5, 9])).toBeCloseTo(0.964764, 6);
  });

  it('gives ±1 for exact linear relations', () => {
    expect(pearsonCorrelation([1, 2, 3], [10, 20, 30])).toBeCloseTo(1, 12);
    expect(pearsonCorrelation([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it('is null below 3 points or with zero variance', () => {
    expect(pearsonCorrelation([1, 2], [2, 1])).toBeNull();
    expect(pearsonCorrelation([1, 2, 3], [5, 5, 5])).toBeNull();
    // 0.1 three times has a floating-point mean ≠ 0.1; the constant check must still catch it.
    expect(pearsonCorrelation([0.1, 0.1, 0.1], [1, 2, 3])).toBeNull();
  });

  it('rejects samples of different lengths', () => {
    expect(() => pearsonCorrelation([1, 2, 3], [1, 2])).toThrow(/expected samples of equal length, found 3 and 2/);
  });
});
