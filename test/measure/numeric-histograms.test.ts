import { describe, expect, it } from 'vitest';
import { binIndexOf, histogramEdges, interpolatedPercentile, numericHistograms } from '../../src/measure/numeric-histograms.js';
import { feedbackDefinition, lengthDefinition, measuredSet } from './measured-fixtures.js';

const words = (values: Array<number | null>) => values.map((value, index) => ({ id: `d${index}`, words: value, tags: ['positive'] }));

describe('interpolatedPercentile', () => {
  // pooled ascending values 0..9, 100 (n = 11): position = p/100 × 10
  const pooled = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100];
  it('interpolates linearly between closest ranks', () => {
    expect(interpolatedPercentile(pooled, 10)).toBe(1); // position 1 → 1
    expect(interpolatedPercentile(pooled, 25)).toBe(2.5); // position 2.5 → 2 + 0.5 × (3 − 2)
    expect(interpolatedPercentile(pooled, 99)).toBeCloseTo(90.9, 10); // position 9.9 → 9 + 0.9 × (100 − 9)
    expect(interpolatedPercentile(pooled, 100)).toBe(100);
  });
});

describe('histogramEdges and binIndexOf', () => {
  it('cuts equal-width bins between the percentiles and folds outliers into the end bins', () => {
    const edges = histogramEdges([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 4, 10, 90);
    // P10 = 1, P90 = 9 → width (9 − 1) / 4 = 2
    expect(edges).toEqual([1, 3, 5, 7, 9]);
    expect(binIndexOf(-50, edges)).toBe(0); // below the first edge → first bin
    expect(binIndexOf(2.9, edges)).toBe(0);
    expect(binIndexOf(3, edges)).toBe(1); // bins are [low, high)
    expect(binIndexOf(9, edges)).toBe(3); // the top edge belongs to the last bin
    expect(binIndexOf(100, edges)).toBe(3);
  });

  it('falls back to min–max when the percentiles coincide, and to one zero-width bin for a constant measure', () => {
    // 198 fives between 0 and 10 (n = 200): P1 (position 1.99) = P99 (position 197.01) = 5 → edges from min 0 to max 10, 2 bins of width 5
    expect(histogramEdges([0, ...new Array<number>(198).fill(5), 10], 2, 1, 99)).toEqual([0, 5, 10]);
    expect(histogramEdges([4, 4, 4], 20, 1, 99)).toEqual([4, 4]);
  });
});

describe('numericHistograms', () => {
  it('shares edges across sets and gives per-set counts and shares (hand-computed)', () => {
    // real: 0, 2, 4, 6, 8, 100 (+ one null, not counted); sim: 1, 3, 5, 7, 9
    // pooled: 0..9, 100 → P10 = 1, P90 = 9 → edges 1, 3, 5, 7, 9
    // real → bins: 0→0 (below), 2→0, 4→1, 6→2, 8→3, 100→3 (above) = [2, 1, 1, 2] of 6 → 33.3333, 16.6667, 16.6667, 33.3333 %
    // sim  → bins: 1→0, 3→1, 5→2, 7→3, 9→3 (top edge) = [1, 1, 1, 2] of 5 → 20, 20, 20, 40 %
    const real = measuredSet('real', 'real', words([0, 2, 4, 6, 8, 100, null]));
    const simulated = measuredSet('sim', 'simulated', words([1, 3, 5, 7, 9]));
    const rows = numericHistograms([real, simulated], [lengthDefinition, feedbackDefinition], { bins: 4, lowPercentile: 10, highPercentile: 90 });
    expect(rows).toHaveLength(8); // categorical feedback has no rows
    expect(rows.map((row) => [row.set, row.binLow, row.binHigh, row.openLow, row.openHigh, row.count, row.sharePercent])).toEqual([
      ['real', 1, 3, true, false, 2, 33.3333],
      ['real', 3, 5, false, false, 1, 16.6667],
      ['real', 5, 7, false, false, 1, 16.6667],
      ['real', 7, 9, false, true, 2, 33.3333],
      ['sim', 1, 3, true, false, 1, 20],
      ['sim', 3, 5, false, false, 1, 20],
      ['sim', 5, 7, false, false, 1, 20],
      ['sim', 7, 9, false, true, 2, 40],
    ]);
    expect(rows[0]).toMatchObject({ dimension: 'length', measure: 'words', unit: 'words per dialogue', backend: 'whitespace@1' });
  });

  it('uses 20 bins between the pooled 1st and 99th percentile by default', () => {
    // values 0.5, 1.5, …, 100.5 (n = 101): P1 = 1.5, P99 = 99.5 → width 98 / 20 = 4.9
    // first bin [1.5, 6.4) + below: 0.5 … 5.5 = 6 values; last bin [94.6, 99.5] + above: 95.5 … 100.5 = 6 values
    const set = measuredSet('real', 'real', words(Array.from({ length: 101 }, (_unused, index) => index + 0.5)));
    const rows = numericHistograms([set], [lengthDefinition]);
    expect(rows).toHaveLength(20);
    expect(rows[0]).toMatchObject({ binLow: 1.5, binHigh: 6.4, count: 6, openLow: true });
    expect(rows[1]).toMatchObject({ binLow: 6.4, binHigh: 11.3, count: 5 }); // 6.5 … 10.5
    expect(rows[19]).toMatchObject({ binLow: 94.6, binHigh: 99.5, count: 6, openHigh: true });
    expect(rows.reduce((total, row) => total + row.count, 0)).toBe(101);
  });

  it('gives whole-number measures whole-number edges of equal width', () => {
    // 0 … 100 (n = 101, all whole): P1 = 1, P99 = 99 → width ceil(98 / 20) = 5, 20 bins from 1 to 101
    // first bin [1, 6) + below: 0 … 5 = 6; last bin [96, 101): 96 … 100 = 5
    const set = measuredSet('real', 'real', words(Array.from({ length: 101 }, (_unused, index) => index)));
    const rows = numericHistograms([set], [lengthDefinition]);
    expect(rows).toHaveLength(20);
    expect(rows[0]).toMatchObject({ binLow: 1, binHigh: 6, count: 6 });
    expect(rows[19]).toMatchObject({ binLow: 96, binHigh: 101, count: 5 });
    // 0 … 10 in 4 bins over P0 … P100: width ceil(10 / 4) = 3 → 0, 3, 6, 9, 12 (not 0, 2.5, 5, 7.5, 10)
    expect(histogramEdges([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4, 0, 100)).toEqual([0, 3, 6, 9, 12]);
    // turn counts 1 … 21 in 20 bins: width 1, 20 bins; 21 folds into the last bin [20, 21)
    const turns = Array.from({ length: 21 }, (_unused, index) => index + 1);
    expect(histogramEdges(turns, 20, 0, 100)).toEqual(Array.from({ length: 21 }, (_unused, index) => index + 1));
    expect(binIndexOf(21, histogramEdges(turns, 20, 0, 100))).toBe(19);
  });

  it('skips sets without the backend or without values, and is deterministic', () => {
    const withValues = measuredSet('real', 'real', words([4, 4, 4]));
    const noValues = measuredSet('empty', 'simulated', words([null, null]));
    const noBackend = { ...measuredSet('other', 'simulated', words([1])), backends: {} };
    const rows = numericHistograms([withValues, noValues, noBackend], [lengthDefinition]);
    // constant measure: one zero-width bin holding everything
    expect(rows).toEqual([
      { set: 'real', dimension: 'length', measure: 'words', unit: 'words per dialogue', backend: 'whitespace@1', binLow: 4, binHigh: 4, openLow: true, openHigh: true, count: 3, sharePercent: 100 },
    ]);
    expect(numericHistograms([withValues, noValues, noBackend], [lengthDefinition])).toEqual(rows);
  });

  it('rejects a bad bin count', () => {
    expect(() => numericHistograms([], [lengthDefinition], { bins: 0 })).toThrow(/expected a whole number of bins ≥ 1, found/);
  });
});
