import { describe, expect, it } from 'vitest';
import type { DistanceRow } from '../../src/core/report-rows.js';
import { compareSets } from '../../src/measure/compare-sets.js';
import { createSeededRandom } from '../../src/measure/seeded-random.js';
import { feedbackDefinition, lengthDefinition, measuredSet, type DialogueSpec } from './measured-fixtures.js';

// Coverage of the distance intervals of compareSets over 200 seeded repetitions: two sets of 60 dialogues, each
// dialogue one feedback tag and a word count. Figures measured with this seed are in the comments; the
// assertions are the ≥ 93% the intervals must reach (95% nominal, at least, by the false-coverage adjustment).
const REPETITIONS = 200;
const SIZE = 60;

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function drawSet(name: string, kind: 'real' | 'simulated', random: () => number, shares: number[], meanWords: number): ReturnType<typeof measuredSet> {
  const categories = ['positive', 'negative', 'none'];
  const specs: DialogueSpec[] = Array.from({ length: SIZE }, (_, index) => {
    let draw = random();
    let category = 0;
    while (category < shares.length - 1 && draw >= (shares[category] as number)) {
      draw -= shares[category] as number;
      category += 1;
    }
    return { id: `${name}-${index}`, tags: [categories[category] as string], words: meanWords + 20 * normal(random) };
  });
  return measuredSet(name, kind, specs);
}

function rowsOfRepetitions(simulatedShares: number[], simulatedMeanWords: number): DistanceRow[][] {
  const random = createSeededRandom(2026);
  return Array.from({ length: REPETITIONS }, (_, repetition) => {
    const real = drawSet('real', 'real', random, [0.5, 0.3, 0.2], 100);
    const simulated = drawSet('sim', 'simulated', random, simulatedShares, simulatedMeanWords);
    return compareSets({ real, simulated, definitions: [feedbackDefinition, lengthDefinition], seed: repetition, resamples: 1, permutations: 400, paired: false }).filter(
      (row) => row.domain === 'all',
    );
  });
}

const share = (rows: DistanceRow[][], measure: string, covers: (row: DistanceRow) => boolean): number =>
  rows.filter((repetition) => covers(repetition.find((row) => row.measure === measure) as DistanceRow)).length / rows.length;
const mean = (rows: DistanceRow[][], measure: string, field: 'value' | 'corrected'): number =>
  rows.reduce((total, repetition) => total + ((repetition.find((row) => row.measure === measure) as DistanceRow)[field] as number), 0) / rows.length;

it.skipIf(process.env.PRINT_COVERAGE === undefined)('prints the measured figures', () => {
  for (const [label, shares, words, tvd, w1] of [['null', [0.5, 0.3, 0.2], 100, 0, 0], ['shifted', [0.3, 0.3, 0.4], 110, 20, 10]] as const) {
    const rows = rowsOfRepetitions([...shares], words);
    const covers = (truth: number) => (row: DistanceRow) => (row.ciLow as number) <= truth && truth <= (row.ciHigh as number);
    console.log(label, 'TVD cover', share(rows, 'tags', covers(tvd)), 'W1 cover', share(rows, 'words', covers(w1)),
      'TVD plug-in', mean(rows, 'tags', 'value'), 'corrected', mean(rows, 'tags', 'corrected'),
      'W1 plug-in', mean(rows, 'words', 'value'), 'corrected', mean(rows, 'words', 'corrected'),
      'gap share TVD', share(rows, 'tags', (row) => row.verdict === 'gap'), 'W1', share(rows, 'words', (row) => row.verdict === 'gap'));
  }
});

describe('distance intervals: coverage over 200 seeded repetitions', () => {
  it('cover 0 when both sets come from one distribution, and the verdict is "gap" exactly when they do not', () => {
    const rows = rowsOfRepetitions([0.5, 0.3, 0.2], 100);
    const coversZero = (row: DistanceRow): boolean => (row.ciLow as number) <= 0;
    // measured: TVD 98.5%, W1 96.5% (verdict "gap" in 1.5% and 3.5% of repetitions)
    expect(share(rows, 'tags', coversZero)).toBeGreaterThanOrEqual(0.93);
    expect(share(rows, 'words', coversZero)).toBeGreaterThanOrEqual(0.93);
    for (const row of rows.flat()) {
      expect(row.verdict === 'gap').toBe((row.ciLow as number) > 0);
      expect(row.verdict === 'gap').toBe((row.qValue as number) <= 0.05);
    }
    // the plug-in is biased upward (measured mean 9.69 TVD × 100 and 4.53 words); the corrected value much less (3.39 and 1.38)
    expect(mean(rows, 'tags', 'corrected')).toBeLessThan(mean(rows, 'tags', 'value') / 2);
    expect(mean(rows, 'words', 'corrected')).toBeLessThan(mean(rows, 'words', 'value') / 2);
  });

  it('cover the true distance of a known shifted pair (TVD × 100 = 20, Wasserstein-1 = 10 words)', () => {
    // shares 0.5/0.3/0.2 vs 0.3/0.3/0.4: TVD = ½(0.2 + 0 + 0.2) = 0.2; normal word counts, same spread, means 100 vs 110: W1 = 10
    const rows = rowsOfRepetitions([0.3, 0.3, 0.4], 110);
    const covers = (truth: number) => (row: DistanceRow) => (row.ciLow as number) <= truth && truth <= (row.ciHigh as number);
    // measured: TVD 99.5%, W1 98.5% (conservative: |D̂ − δ| ≤ ‖e‖ bounds both sides at once); power: "gap" in 55.5% and 68.5%
    expect(share(rows, 'tags', covers(20))).toBeGreaterThanOrEqual(0.93);
    expect(share(rows, 'words', covers(10))).toBeGreaterThanOrEqual(0.93);
    // TVD: the corrected mean is nearer the truth (measured 23.16 plug-in, 19.30 corrected). W1 of a pure location
    // shift is a near-projection, so the plug-in has little bias there (10.17) and the correction overshoots
    // (8.65): the price of removing the bias at 0. It stays within 15% of the truth.
    expect(Math.abs(mean(rows, 'tags', 'corrected') - 20)).toBeLessThan(Math.abs(mean(rows, 'tags', 'value') - 20));
    expect(Math.abs(mean(rows, 'words', 'corrected') - 10)).toBeLessThan(1.5);
  });

  it('hold the plug-in and the corrected value inside every interval', () => {
    for (const row of [...rowsOfRepetitions([0.5, 0.3, 0.2], 100), ...rowsOfRepetitions([0.3, 0.3, 0.4], 110)].flat()) {
      expect(row.ciLow as number).toBeLessThanOrEqual(row.value as number);
      expect(row.value as number).toBeLessThanOrEqual(row.ciHigh as number);
      expect(row.ciLow as number).toBeLessThanOrEqual(row.corrected as number);
      expect(row.corrected as number).toBeLessThanOrEqual(row.ciHigh as number);
    }
  });
});
