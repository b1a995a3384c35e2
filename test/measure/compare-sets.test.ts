import { describe, expect, it } from 'vitest';
import type { DistanceRow } from '../../src/core/report-rows.js';
import { compareSets } from '../../src/measure/compare-sets.js';
import { feedbackDefinition, knowledgeDefinition, lengthDefinition, measuredSet, type DialogueSpec } from './measured-fixtures.js';

const definitions = [lengthDefinition, feedbackDefinition, knowledgeDefinition];

describe('compareSets on a tiny fixture with constant values', () => {
  // Every real dialogue: 10 words, one "none" tag, statement vector [1, 0].
  // Every simulated dialogue: 14 words, one "positive" tag, statement vector [0, 1].
  // Any resample therefore gives the same distances: W1 = 14 − 10 = 4; TVD = ½(|1−0| + |0−1|) = 1 → 100;
  // centroid cosine = cos([1,0],[0,1]) = 0. Two halves of the real set are identical: W1 0, TVD 0,
  // cosine 1. The "code" domain is real-only, so it has no row of its own (it counts in "all").
  const realDialogue = (id: string, domain: string): DialogueSpec => ({ id, domain, words: 10, tags: ['none'], vectors: [[1, 0]] });
  const simulatedDialogue = (id: string, domain: string): DialogueSpec => ({ id, domain, words: 14, tags: ['positive'], vectors: [[0, 1]] });
  const real = measuredSet('real', 'real', [
    realDialogue('r1', 'email'),
    realDialogue('r2', 'email'),
    realDialogue('r3', 'travel'),
    realDialogue('r4', 'travel'),
    realDialogue('r5', 'code'),
  ]);
  const simulated = measuredSet('sim', 'simulated', [
    simulatedDialogue('s1', 'email'),
    simulatedDialogue('s2', 'email'),
    simulatedDialogue('s3', 'travel'),
  ]);
  const rows = compareSets({ real, simulated, definitions, seed: 1, resamples: 200, paired: false });

  it('gives one row per dimension × measure × shared domain, in a fixed order', () => {
    expect(rows.map((row) => `${row.dimension}/${row.measure}/${row.domain}`)).toEqual([
      'feedback/tags/all',
      'feedback/tags/email',
      'feedback/tags/travel',
      'knowledge/statements/all',
      'knowledge/statements/email',
      'knowledge/statements/travel',
      'length/words/all',
      'length/words/email',
      'length/words/travel',
    ]);
  });

  it('gives exact rows', () => {
    const common = { real: 'real', simulated: 'sim', domain: 'all', nReal: 5, nSimulated: 3, paired: false };
    const smallSample = ['small sample: 5 real dialogues', 'small sample: 3 simulated dialogues'];
    expect(rows[6]).toEqual<DistanceRow>({
      ...common,
      dimension: 'length',
      measure: 'words',
      metric: 'wasserstein1',
      unit: 'words per dialogue',
      backend: 'whitespace@1',
      value: 4,
      // Relabelling 5 | 3 with j simulated dialogues in the "real" group gives W1 = 4·|j/5 − (3 − j)/3|:
      // 4, 1.867, 0.267, 2.4 with probabilities 1, 15, 30, 10 in 56. E[D₀²] = 128/56 = 2.286, so corrected
      // = √(16 − 2.286) = 3.70. q > 0.05 (below), so R = 0 and the level is 1 − 0.05/9 = 0.99444: the critical
      // value is the second largest of the 200 relabellings, W1 = 4 → interval [0, 4 + 4].
      corrected: expect.closeTo(3.7, 1) as number,
      ciLow: 0,
      ciHigh: 8,
      intervalLevel: 0.994444,
      minimumDetectable: expect.closeTo(3.7, 1) as number,
      verdict: 'no detectable gap',
      noiseFloor: 0,
      meanReal: 10,
      meanSimulated: 14,
      // Only the observed labelling (5 real | 3 simulated) reaches W1 = 4: exact p = 1 / C(8, 3) = 1/56
      // ≈ 0.018; the seeded Monte-Carlo estimate over 200 relabellings is (1 + k) / 201 close to it.
      pValue: expect.closeTo(1 / 56, 1.5) as number,
      qValue: expect.any(Number) as number,
      warnings: smallSample,
    });
    expect(rows[0]).toEqual<DistanceRow>({
      ...common,
      dimension: 'feedback',
      measure: 'tags',
      metric: 'tvd',
      unit: 'TVD × 100 over tag occurrences (none included)',
      backend: 'rules@1',
      value: 100,
      // TVD of a relabelling is that W1 ÷ 4 (one category moves), so corrected = 25 × the W1 one; the interval's
      // upper end 200 is cut at 100, the largest TVD × 100.
      corrected: expect.closeTo((rows[6]?.corrected as number) * 25, 2) as number,
      ciLow: 0,
      ciHigh: 100,
      intervalLevel: 0.994444,
      minimumDetectable: expect.closeTo((rows[6]?.minimumDetectable as number) * 25, 2) as number,
      verdict: 'no detectable gap',
      noiseFloor: 0,
      meanReal: null,
      meanSimulated: null,
      pValue: rows[6]?.pValue as number,
      qValue: rows[6]?.qValue as number,
      warnings: smallSample,
    });
    expect(rows[3]).toEqual<DistanceRow>({
      ...common,
      dimension: 'knowledge',
      measure: 'statements',
      metric: 'centroid_cosine',
      unit: 'cosine similarity of mean knowledge statement embeddings',
      backend: 'use-lite@1',
      value: 0,
      // a cosine 0 is the chordal distance √2; the interval √2 ± ≥ √2 spans every cosine
      corrected: expect.any(Number) as number,
      ciLow: -1,
      ciHigh: 1,
      intervalLevel: 0.994444,
      minimumDetectable: expect.any(Number) as number,
      verdict: 'no detectable gap',
      noiseFloor: 1,
      meanReal: null,
      meanSimulated: null,
      pValue: rows[6]?.pValue as number,
      qValue: rows[6]?.qValue as number,
      warnings: smallSample,
    });
    // travel: 2 real, 1 simulated; halves of the 2 real dialogues hold 1 dialogue each.
    expect(rows[8]).toMatchObject({ domain: 'travel', nReal: 2, nSimulated: 1, value: 4, noiseFloor: 0 });
 
    // TVD = 100 and cosine = 0 also occur only for the observed labelling, and all three measures of a
    // domain share the same relabellings, so their p-values are equal. Per domain the exact p-values are
    // email 2 real | 2 sim: 2 of the C(4, 2) = 6 labellings separate the values (W1 is symmetric, so
    // {s1, s2} | {r1, r2} counts too) → 1/3; travel 2 real | 1 sim: only {r3, r4} | {s3} → 1 / C(3, 1) =
    // 1/3. With 200 relabellings the estimate's standard error is √(⅓·⅔/200) ≈ 0.033; allow 3 of them.
    expect(Math.abs((rows[1]?.pValue as number) - 1 / 3)).toBeLessThan(0.1);
    expect(Math.abs((rows[2]?.pValue as number) - 1 / 3)).toBeLessThan(0.1);
    expect(rows[1]?.pValue).toBe(rows[4]?.pValue);
    expect(rows[1]?.pValue).toBe(rows[7]?.pValue);
    // Benjamini–Hochberg over the 9 rows: the three "all" rows hold the 3 smallest p-values, so each has
    // q = 9 · p / 3 = 3 · p (the running minimum from above cannot be smaller: the other p are ≥ 1/6).
    expect(rows[0]?.qValue).toBeCloseTo(3 * (rows[0]?.pValue as number), 3);
    for (const row of rows) expect(row.qValue as number).toBeGreaterThanOrEqual(row.pValue as number);
  });
});

describe('compareSets values, intervals and warnings', () => {
  it('computes W1 and TVD × 100 exactly on uneven data, deterministically per seed', () => {
    // words: real [1, 2, 3] vs simulated [1, 3] → W1 = 1/3 (see wasserstein-distance.test.ts) → 0.3333
    // tags: real counts positive 6, negative 3, none 1 vs simulated positive 1, negative 3
    //       → TVD 0.45 (see total-variation-distance.test.ts) → 45
    const real = measuredSet('real', 'real', [
      { id: 'r1', words: 1, tags: ['positive', 'positive', 'positive', 'negative'] },
      { id: 'r2', words: 2, tags: ['positive', 'positive', 'negative', 'none'] },
      { id: 'r3', words: 3, tags: ['positive', 'negative'] },
    ]);
    const simulated = measuredSet('sim', 'simulated', [
      { id: 's1', words: 1, tags: ['positive', 'negative'] },
      { id: 's2', words: 3, tags: ['negative', 'negative'] },
    ]);
    const input = { real, simulated, definitions: [lengthDefinition, feedbackDefinition], seed: 3, resamples: 300, paired: false };
    const rows = compareSets(input);
    const words = rows.find((row) => row.measure === 'words' && row.domain === 'all');
    const tags = rows.find((row) => row.measure === 'tags' && row.domain === 'all');
    expect(words?.value).toBe(0.3333);
    expect(words?.meanReal).toBe(2);
    expect(words?.meanSimulated).toBe(2);
    expect(tags?.value).toBe(45);
    expect(JSON.stringify(compareSets(input))).toBe(JSON.stringify(rows));
  });

  it('calls equal samples "no detectable gap" with an interval from 0, and a clear shift a gap, without warnings', () => {
    // Same 40 values on both sides: W1 = 0, so the interval starts at 0, below any positive floor.
    const values = Array.from({ length: 40 }, (_, index) => index);
    const same = compareSets({
      real: measuredSet('real', 'real', values.map((words, index) => ({ id: `r${index}`, words }))),
      simulated: measuredSet('sim', 'simulated', [...values].reverse().map((words, index) => ({ id: `s${index}`, words }))),
      definitions: [lengthDefinition],
      seed: 1,
      resamples: 200,
      paired: false,
    });
    const row = same[0] as DistanceRow;
    expect(row.value).toBe(0);
    expect(row.noiseFloor).toBeGreaterThan(0);
    expect(row).toMatchObject({ verdict: 'no detectable gap', ciLow: 0, corrected: 0 });
    expect(row.warnings).toEqual([]);

    const shifted = compareSets({
      real: measuredSet('real', 'real', values.map((words, index) => ({ id: `r${index}`, words }))),
      simulated: measuredSet('sim', 'simulated', values.map((words, index) => ({ id: `s${index}`, words: words + 30 }))),
      definitions: [lengthDefinition],
      seed: 1,
      resamples: 200,
      paired: false,
    })[0] as DistanceRow;
    // A shift of 30 on 0…39: W1 = 30, far above the real-vs-real floor.
    expect(shifted.value).toBe(30);
    expect(shifted.ciLow).toBeGreaterThan(shifted.noiseFloor as number);
    expect(shifted.verdict).toBe('gap');
    expect(shifted.ciLow as number).toBeLessThanOrEqual(shifted.corrected as number);
    expect(shifted.warnings).toEqual([]);

    // Another seed gives other intervals (3 × 40 dialogues leave room for that).
    const reseeded = compareSets({
      real: measuredSet('real', 'real', values.map((words, index) => ({ id: `r${index}`, words }))),
      simulated: measuredSet('sim', 'simulated', values.map((words, index) => ({ id: `s${index}`, words: words + 30 }))),
      definitions: [lengthDefinition],
      seed: 2,
      resamples: 200,
      paired: false,
    })[0] as DistanceRow;
    expect(reseeded.value).toBe(30);
    expect([reseeded.ciLow, reseeded.ciHigh, reseeded.noiseFloor]).not.toEqual([shifted.ciLow, shifted.ciHigh, shifted.noiseFloor]);
  });

  it('gives a null value with a warning when a side has no data', () => {
    const rows = compareSets({
      real: measuredSet('real', 'real', [{ id: 'r1', words: null }]),
      simulated: measuredSet('sim', 'simulated', [{ id: 's1', words: 5 }]),
      definitions: [lengthDefinition],
      seed: 1,
      resamples: 50,
      paired: false,
    });
    expect(rows[0]).toMatchObject({ value: null, ciLow: null, ciHigh: null, noiseFloor: null, nReal: 0, nSimulated: 1 });
    expect(rows[0]?.warnings[0]).toBe('no value: needs data on both sides, found 0 real and 1 simulated dialogues with data');
  });

  it('names both backends when they differ', () => {
    const real = measuredSet('real', 'real', [{ id: 'r1', words: 1 }]);
    const simulated = measuredSet('sim', 'simulated', [{ id: 's1', words: 2 }]);
    simulated.backends.length = 'wink@2';
    const row = compareSets({ real, simulated, definitions: [lengthDefinition], seed: 1, resamples: 10, paired: false })[0];
    expect(row?.backend).toBe('whitespace@1 vs wink@2');
    expect(row?.warnings).toContain('backends differ: real annotated by whitespace@1, simulated by wink@2');
  });

  it('keeps every row unchanged when another dimension is added (streams are per seed and domain), except its q-value', () => {
    const values = Array.from({ length: 40 }, (_, index) => (index * 13) % 17);
    const real = measuredSet('real', 'real', values.map((words, index) => ({ id: `r${index}`, words, tags: [index % 3 ? 'none' : 'positive'] })));
    const simulated = measuredSet('sim', 'simulated', values.map((words, index) => ({ id: `s${index}`, words: words + 2, tags: ['positive'] })));
    const base = { real, simulated, seed: 9, resamples: 100, paired: false };
    const lengthOnly = compareSets({ ...base, definitions: [lengthDefinition] });
    const both = compareSets({ ...base, definitions: [feedbackDefinition, lengthDefinition] });
    // The Benjamini–Hochberg q-value is adjusted over all rows of the comparison, so it depends on how many
    // rows there are and on their p-values: everything else of a row must be unchanged.
    const withoutQValue = ({ qValue: _qValue, ...row }: DistanceRow) => row;
    expect(both.filter((row) => row.dimension === 'length').map(withoutQValue)).toEqual(lengthOnly.map(withoutQValue));
    expect(both.filter((row) => row.dimension === 'length').map((row) => row.pValue)).toEqual(lengthOnly.map((row) => row.pValue));
    // Rows for "all" and the fixture's single domain "general".
    expect(both.filter((row) => row.dimension === 'feedback')).toHaveLength(2);
  });

  it('counts an unexpected category as its own category', () => {
    // real: none, none; simulated: none, sarcasm → P = (none 1), Q = (none ½, sarcasm ½) → TVD ½ → 50
    const rows = compareSets({
      real: measuredSet('real', 'real', [{ id: 'r1', tags: ['none'] }, { id: 'r2', tags: ['none'] }]),
      simulated: measuredSet('sim', 'simulated', [{ id: 's1', tags: ['none'] }, { id: 's2', tags: ['sarcasm'] }]),
      definitions: [feedbackDefinition],
      seed: 1,
      resamples: 20,
      paired: false,
    });
    expect(rows[0]?.value).toBe(50);
  });

  it('rejects a non-integer seed', () => {
    const set = measuredSet('real', 'real', [{ id: 'r1', words: 1 }]);
    expect(() => compareSets({ real: set, simulated: set, definitions: [lengthDefinition], seed: 0.5, paired: false })).toThrow(
      'compareSets: expected an integer seed, found "0.5"',
    );
  });
});

describe('compareSets in paired mode', () => {
  // 40 scenarios s0…s39 in both sets, with identical word counts per pair. Unpaired: real r-extra (no
  // scenario) and r-lost (scenario only real), simulated s-lost (scenario only simulated) and a second
  // simulated run of s0 (only the first run of a scenario is paired).
  const words = (index: number) => (index * 7) % 23;
  const realSpecs: DialogueSpec[] = Array.from({ length: 40 }, (_, index) => ({
    id: `r${index}`,
    domain: index < 20 ? 'email' : 'travel',
    scenarioId: `s${index}`,
    words: words(index),
  }));
  realSpecs.push({ id: 'r-extra', domain: 'email', words: 500 }, { id: 'r-lost', domain: 'email', scenarioId: 'only-real', words: 500 });
  const simulatedSpecs: DialogueSpec[] = Array.from({ length: 40 }, (_, index) => ({
    id: `p${index}`,
    // The pair's domain is the real one, even where the simulated dialogue says otherwise.
    domain: index === 5 ? 'elsewhere' : index < 20 ? 'email' : 'travel',
    scenarioId: `s${index}`,
    words: words(index),
  }));
  simulatedSpecs.push({ id: 'p-lost', domain: 'travel', scenarioId: 'only-sim', words: 900 }, { id: 'p0-again', domain: 'email', scenarioId: 's0', words: words(0) });
  const real = measuredSet('real', 'real', realSpecs);
  const simulated = measuredSet('sim', 'simulated', simulatedSpecs);

  it('drops unpaired dialogues and resamples pairs', () => {
    const rows = compareSets({ real, simulated, definitions: [lengthDefinition], seed: 2, resamples: 300, paired: true });
    expect(rows.map((row) => [row.domain, row.nReal, row.nSimulated, row.paired])).toEqual([
      ['all', 41, 41, true],
      ['email', 21, 21, true],
      ['travel', 20, 20, true],
    ]);
    const all = rows[0] as DistanceRow;
    // Without the unpaired 500- and 900-word dialogues both sides hold the same values (p0-again, a second
    // trial of s0 with p0's length, pairs with r0 again): W1 = 0, and
    // every paired resample draws the same multiset on both sides, so the interval is exactly [0, 0].
    expect(all).toMatchObject({ value: 0, ciLow: 0, ciHigh: 0, meanReal: all.meanSimulated });
    expect(all.warnings).toContain('paired: left out 2 real and 1 simulated dialogues without a matching scenario');
    expect(all.warnings).toContain(
      'paired many-to-one: 41 pairs hold 40 different real and 41 different simulated dialogues (a scenario with several dialogues on one side pairs each with the other side\'s; intervals resample scenarios); the set summaries count each dialogue once, so their n differs',
    );
    expect(rows[1]?.warnings).toContain('paired: left out 2 real and 0 simulated dialogues without a matching scenario');
    expect(rows[2]?.warnings).toContain('paired: left out 0 real and 1 simulated dialogues without a matching scenario');
  });

  it('has a wider interval when the same dialogues are resampled independently', () => {
    const pairedOnly = {
      real: { ...real, dialogues: real.dialogues.slice(0, 40) },
      simulated: { ...simulated, dialogues: simulated.dialogues.slice(0, 40) },
    };
    const rows = compareSets({ ...pairedOnly, definitions: [lengthDefinition], seed: 2, resamples: 300, paired: false });
    expect(rows[0]?.value).toBe(0);
    expect(rows[0]?.ciHigh).toBeGreaterThan(0);
  });
});
