import { describe, expect, it } from 'vitest';
import { falseCoverageLevel } from '../../src/measure/false-coverage-level.js';
import { nullCalibratedDistance } from '../../src/measure/null-calibrated-distance.js';

describe('nullCalibratedDistance', () => {
  // Null distances 0, 1, …, 19 (N = 20). Level 0.95: rank ⌈0.95 · 21⌉ = 20 → critical value c = 19.
  // E[D₀²] = (0² + … + 19²) / 20 = 2470 / 20 = 123.5.
  const nullValues = Float64Array.from({ length: 20 }, (_, index) => index);

  it('gives plug-in ± c cut at 0, √(D̂² − E[D₀²]) and √(c² − E[D₀²]) for a distance the test rejected', () => {
    const result = nullCalibratedDistance({ observed: 30, nullValues, isDistance: true, level: 0.95, rejected: true });
    expect(result?.low).toBe(11); // 30 − 19
    expect(result?.high).toBe(49); // 30 + 19
    expect(result?.corrected).toBeCloseTo(Math.sqrt(900 - 123.5), 12); // 27.866
    expect(result?.minimumDetectable).toBeCloseTo(Math.sqrt(361 - 123.5), 12); // 15.411
  });

  it('starts the interval at 0 when the test did not reject, and corrects a null-sized distance to 0', () => {
    const result = nullCalibratedDistance({ observed: 9, nullValues, isDistance: true, level: 0.95, rejected: false });
    expect(result).toEqual({ corrected: 0, low: 0, high: 28, minimumDetectable: Math.sqrt(361 - 123.5) }); // 81 < 123.5
  });

  it('takes the largest null value when the level asks for a rank beyond N', () => {
    // ⌈0.999 · 21⌉ = 21 > 20 → c = 19
    expect(nullCalibratedDistance({ observed: 30, nullValues, isDistance: true, level: 0.999, rejected: false })?.high).toBe(49);
  });

  it('works on the chordal distance √(2(1 − cos)) for a cosine similarity and reports cosines', () => {
    // Null cosines 0.98 and 0.995 → chordal 0.2 and 0.1; level 0.5: rank ⌈0.5 · 3⌉ = 2 → c = 0.2; E[r₀²] = 0.025.
    // Observed cosine 0.82 → r = 0.6: interval r ∈ [0.4, 0.8] → cosine [1 − 0.32, 1 − 0.08] = [0.68, 0.92];
    // corrected r² = 0.36 − 0.025 → cosine 1 − 0.335 / 2 = 0.8325; detectable r² = 0.04 − 0.025 → cosine 0.9925.
    const result = nullCalibratedDistance({ observed: 0.82, nullValues: [0.98, 0.995], isDistance: false, level: 0.5, rejected: true });
    expect(result?.low).toBeCloseTo(0.68, 12);
    expect(result?.high).toBeCloseTo(0.92, 12);
    expect(result?.corrected).toBeCloseTo(0.8325, 12);
    expect(result?.minimumDetectable).toBeCloseTo(0.9925, 12);
  });

  it('has no result without a null distribution', () => {
    expect(nullCalibratedDistance({ observed: 1, nullValues: [], isDistance: true, level: 0.95, rejected: false })).toBeNull();
  });
});

describe('falseCoverageLevel', () => {
  it('is 1 − max(R, 1)·α/m over the rows with a q-value', () => {
    expect(falseCoverageLevel([0.01, 0.04, 0.2, null], 0.05)).toBeCloseTo(1 - (2 * 0.05) / 3, 12);
    expect(falseCoverageLevel([0.5, 0.2, 0.3, 0.9], 0.05)).toBeCloseTo(1 - 0.05 / 4, 12);
    expect(falseCoverageLevel([0.01], 0.05)).toBeCloseTo(0.95, 12);
    expect(falseCoverageLevel([], 0.05)).toBeCloseTo(0.95, 12);
  });
});
