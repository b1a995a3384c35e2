import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from '../../src/measure/cosine-similarity.js';
import { describeDistance, pluralOf } from '../../src/measure/describe-distance.js';
import { mean } from '../../src/measure/mean.js';
import { median } from '../../src/measure/median.js';
import { pairByScenario } from '../../src/measure/pair-by-scenario.js';
import { roundForReport } from '../../src/measure/round-for-report.js';
import { measuredDialogue } from './measured-fixtures.js';

describe('mean and median', () => {
  it('match hand values and are null when empty', () => {
    // mean [3, 1, 4, 1, 5] = 14 / 5 = 2.8; sorted [1, 1, 3, 4, 5] → median 3
    expect(mean([3, 1, 4, 1, 5])).toBe(2.8);
    expect(median([3, 1, 4, 1, 5])).toBe(3);
    // even count: sorted [1, 2, 7, 10] → (2 + 7) / 2 = 4.5
    expect(median([10, 2, 7, 1])).toBe(4.5);
    expect(mean([])).toBeNull();
    expect(median([])).toBeNull();
  });
});

describe('roundForReport', () => {
  it('rounds to 4 decimals, removes −0 and maps non-finite values to null', () => {
    expect(roundForReport(0.1 + 0.2)).toBe(0.3);
    expect(roundForReport(2 / 3)).toBe(0.6667);
    expect(roundForReport(-0.00001)).toBe(0);
    expect(Object.is(roundForReport(-0.00001), -0)).toBe(false);
    expect(roundForReport(12.34567, 2)).toBe(12.35);
    expect(roundForReport(Number.NaN)).toBeNull();
    expect(roundForReport(null)).toBeNull();
  });
});

describe('cosineSimilarity', () => {
  it('matches hand values', () => {
    // [1,2,2]·[2,0,1] = 2 + 0 + 2 = 4; |a| = 3, |b| = √5 → 4 / (3√5) = 0.596285
    expect(cosineSimilarity([1, 2, 2], [2, 0, 1])).toBeCloseTo(4 / (3 * Math.sqrt(5)), 12);
    expect(cosineSimilarity([1, 0], [0, 0])).toBeNull();
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(/equal length, found 1 and 2/);
  });
});

describe('describeDistance', () => {
  it('names the metric and unit of each scale', () => {
    expect(describeDistance({ id: 'w', scale: 'numeric', unit: 'words per dialogue', description: '' })).toEqual({
      metric: 'wasserstein1',
      unit: 'words per dialogue',
      scale: 1,
      isDistance: true,
    });
    expect(
      describeDistance({ id: 'e', scale: 'categorical', unitOfMass: 'sentence', categories: [], includesNone: false, description: '' }).unit,
    ).toBe('TVD × 100 over sentences (no none category)');
    expect(describeDistance({ id: 'k', scale: 'embedding', unitOfMass: 'knowledge statement', description: '' }).isDistance).toBe(false);
    expect([pluralOf('tag occurrence'), pluralOf('user turn'), pluralOf('dialogues'), pluralOf('category')]).toEqual([
      'tag occurrences',
      'user turns',
      'dialogues',
      'categories',
    ]);
  });
});

describe('pairByScenario', () => {
  it('pairs many-to-one: every dialogue of a scenario found on both sides is paired, the rest is left out', () => {
    const real = [
      measuredDialogue({ id: 'r1', scenarioId: 'b' }),
      measuredDialogue({ id: 'r2', scenarioId: 'a' }),
      measuredDialogue({ id: 'r3' }),
      measuredDialogue({ id: 'r4', scenarioId: 'a' }),
    ];
    const simulated = [
      measuredDialogue({ id: 's1', scenarioId: 'a' }),
      measuredDialogue({ id: 's2', scenarioId: 'b' }),
      measuredDialogue({ id: 's3', scenarioId: 'c' }),
    ];
    const pairing = pairByScenario(real, simulated);
    expect(pairing.pairs.map((pair) => [pair.scenarioId, pair.real.id, pair.simulated.id])).toEqual([
      ['a', 'r2', 's1'],
      ['a', 'r4', 's1'],
      ['b', 'r1', 's2'],
    ]);
    expect(pairing.leftOutReal.map((dialogue) => dialogue.id)).toEqual(['r3']);
    expect(pairing.leftOutSimulated.map((dialogue) => dialogue.id)).toEqual(['s3']);
  });

  it('pairs 4 trials of a task with its one reference dialogue, and 3 with 2 by cycling through both', () => {
    const real = [measuredDialogue({ id: 'r1', scenarioId: 't' }), measuredDialogue({ id: 'u1', scenarioId: 'u' }), measuredDialogue({ id: 'u2', scenarioId: 'u' })];
    const simulated = ['t-0', 't-1', 't-2', 't-3', 'u-0', 'u-1', 'u-2'].map((id) => measuredDialogue({ id, scenarioId: id[0] as string }));
    expect(pairByScenario(real, simulated).pairs.map((pair) => `${pair.real.id}:${pair.simulated.id}`)).toEqual(['r1:t-0', 'r1:t-1', 'r1:t-2', 'r1:t-3', 'u1:u-0', 'u2:u-1', 'u1:u-2']);
  });
});
