import { describe, expect, it } from 'vitest';
import type { DimensionDefinition } from '../../src/core/dimension.js';
import { areaUnderCurve } from '../../src/measure/area-under-curve.js';
import { classifierTwoSampleTest, classifierTwoSampleTestWithScores } from '../../src/measure/classifier-two-sample-test.js';
import { buildDialogueFeatureMatrix } from '../../src/measure/dialogue-feature-matrix.js';
import { fitLogisticRegression, predictProbability } from '../../src/measure/logistic-regression.js';
import type { MeasuredDialogue, MeasuredSet } from '../../src/measure/measured-set.js';
import { createSeededRandom, randomIndex } from '../../src/measure/seeded-random.js';
import { feedbackDefinition, knowledgeDefinition, lengthDefinition, measuredDialogue } from './measured-fixtures.js';
import { syntheticTagDefinition } from '../helpers/synthetic-tag-definition.js';

describe('areaUnderCurve (Mann–Whitney)', () => {
  it('matches hand-counted pairs, ties and weights', () => {
    // positives 0.35, 0.8 vs negatives 0.1, 0.4: 0.35 > 0.1, 0.35 < 0.4, 0.8 > both → 3 of 4 pairs = 0.75
    expect(areaUnderCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    // a tie counts ½
    expect(areaUnderCurve([0.5, 0.5], [0, 1])).toBe(0.5);
    // weights 2, 1, 1, 1: negative weight 3; 0.35 beats the 0.1 (weight 2), 0.8 beats all 3 → 5 / (2 · 3)
    expect(areaUnderCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], [2, 1, 1, 1])).toBeCloseTo(5 / 6, 12);
    expect(areaUnderCurve([0.1, 0.2], [1, 1])).toBeNull();
  });
});

describe('fitLogisticRegression', () => {
  it('solves the stationarity equation of a two-point problem worked out by hand', () => {
    // x = −1 (y = 0) and x = +1 (y = 1), ridge λ = 1. By symmetry the intercept is 0; the weight solves
    // d/dw [log σ(w) + log(1 − σ(−w)) − ½w²] = 2(1 − σ(w)) − w = 0, i.e. w ≈ 0.6749
    // (2 / (1 + e^0.675) = 0.6748).
    const model = fitLogisticRegression([Float64Array.of(-1), Float64Array.of(1)], [0, 1], { ridge: 1 });
    const weight = model.weights[0] as number;
    expect(model.intercept).toBeCloseTo(0, 9);
    expect(2 * (1 - 1 / (1 + Math.exp(-weight))) - weight).toBeCloseTo(0, 9);
    expect(weight).toBeCloseTo(0.6749, 3);
    expect(predictProbability(model, Float64Array.of(1))).toBeCloseTo(1 / (1 + Math.exp(-weight)), 12);
  });
});

describe('buildDialogueFeatureMatrix', () => {
  it('gives numeric values and per-dialogue category shares, NaN where there is no data', () => {
    const dialogues = [
      measuredDialogue({ id: 'a', words: 12, tags: ['positive', 'positive', 'none', 'negative'] }),
      measuredDialogue({ id: 'b', words: null, tags: [] }),
    ];
    const matrix = buildDialogueFeatureMatrix(dialogues, [lengthDefinition, feedbackDefinition, knowledgeDefinition]);
    // dimensions in id order (feedback, knowledge, length); embeddings are left out
    expect(matrix.names).toEqual(['feedback.tags=positive', 'feedback.tags=negative', 'feedback.tags=none', 'length.words']);
    expect([...(matrix.rows[0] as Float64Array)]).toEqual([0.5, 0.25, 0.25, 12]);
    expect([...(matrix.rows[1] as Float64Array)].every(Number.isNaN)).toBe(true);
  });
});

const definitions: DimensionDefinition[] = [lengthDefinition, feedbackDefinition];

/** 150 dialogues: words uniform in [shift, shift + 100), 1–4 tags drawn with P(positive) = positiveShare. */
function syntheticSet(name: string, kind: 'real' | 'simulated', seed: number, shift: number, positiveShare: number): MeasuredSet {
  const random = createSeededRandom(seed);
  const dialogues: MeasuredDialogue[] = Array.from({ length: 150 }, (_, index) =>
    measuredDialogue({
      id: `${name}-${index}`,
      scenarioId: `scenario-${index}`,
      words: Math.round(random() * 100 + shift),
      tags: Array.from({ length: 1 + randomIndex(random, 4) }, () => (random() < positiveShare ? 'positive' : random() < 0.5 ? 'negative' : 'none')),
    }),
  );
  return { name, kind, dialogues, backends: { length: 'whitespace@1', feedback: 'rules@1' } };
}

describe('classifierTwoSampleTest', () => {
  it('gives an AUC near 0.5, with an interval around it, when both sets come from one distribution', () => {
    const result = classifierTwoSampleTest({
      real: syntheticSet('real', 'real', 1, 0, 0.3),
      simulated: syntheticSet('sim', 'simulated', 2, 0, 0.3),
      definitions,
      seed: 7,
      paired: false,
      resamples: 300,
    });
    expect(result.folds).toBe(5);
    expect(result.features).toEqual(['feedback.tags=positive', 'feedback.tags=negative', 'feedback.tags=none', 'length.words']);
    // 150 vs 150: the AUC's standard error under the null is about √((n₁+n₂+1)/(12·n₁·n₂)) ≈ 0.033
    expect(Math.abs((result.auc as number) - 0.5)).toBeLessThan(0.1);
    expect(result.ciLow as number).toBeLessThan(0.5 + 0.02);
    expect(result.ciHigh as number).toBeGreaterThan(0.5 - 0.02);
    expect(result.foldAucs).toHaveLength(5);
    expect(result.warnings).toEqual([]);
  });

  it('gives an AUC near 1 when the simulator is separable, paired or not, and names the separating feature', () => {
    const real = syntheticSet('real', 'real', 1, 0, 0.3);
    const simulated = syntheticSet('sim', 'simulated', 2, 150, 0.9);
    for (const paired of [false, true]) {
      const result = classifierTwoSampleTest({ real, simulated, definitions, seed: 7, paired, resamples: 300 });
      expect(result.auc).toBeGreaterThan(0.99);
      expect(result.ciLow).toBeGreaterThan(0.97);
      expect(result.nReal).toBe(150);
      expect(result.topFeatures[0]?.feature).toBe('length.words');
      expect(result.topFeatures[0]?.coefficient).toBeGreaterThan(0);
    }
  });

  it('is deterministic per seed and explains a missing value', () => {
    const input = {
      real: syntheticSet('real', 'real', 3, 0, 0.3),
      simulated: syntheticSet('sim', 'simulated', 4, 20, 0.5),
      definitions,
      seed: 11,
      paired: false,
      resamples: 100,
    };
    expect(JSON.stringify(classifierTwoSampleTest(input))).toBe(JSON.stringify(classifierTwoSampleTest(input)));
    const tiny = classifierTwoSampleTest({ ...input, simulated: { ...input.simulated, dialogues: input.simulated.dialogues.slice(0, 1) } });
    expect(tiny.auc).toBeNull();
    expect(tiny.warnings[0]).toBe('no value: needs at least 2 dialogues per set, found 150 real and 1 simulated');
  });
});

describe('classifierTwoSampleTest speed', () => {
  it('handles 1,000 vs 1,000 dialogues with ~40 features well within a second or two, and caps big sets', () => {
    const categorical = syntheticTagDefinition;
    const build = (name: string, kind: 'real' | 'simulated', seed: number, size: number): MeasuredSet => {
      const random = createSeededRandom(seed);
      return {
        name,
        kind,
        backends: { length: 'whitespace@1', tags: 'synthetic' },
        dialogues: Array.from({ length: size }, (_, index) => ({
          id: `${name}-${index}`,
          domain: 'general',
          annotations: {
            length: { dialogueId: `${name}-${index}`, numeric: { words: random() * 100 }, categorical: {} },
            tags: {
              dialogueId: `${name}-${index}`,
              numeric: {},
              categorical: Object.fromEntries([7, 9, 7, 8].map((size_, measure) => [`tags${measure}`, Array.from({ length: 1 + randomIndex(random, 6) }, () => `c${randomIndex(random, size_)}`)])),
            },
          },
        })),
      };
    };
    const result = classifierTwoSampleTest({ real: build('real', 'real', 1, 1000), simulated: build('sim', 'simulated', 2, 1000), definitions: [lengthDefinition, categorical], seed: 1, paired: false });
    expect(result.features).toHaveLength(1 + 7 + 9 + 7 + 8);
    expect(Math.abs((result.auc as number) - 0.5)).toBeLessThan(0.06);
    const capped = classifierTwoSampleTest({ real: build('real', 'real', 1, 300), simulated: build('sim', 'simulated', 2, 120), definitions: [lengthDefinition, categorical], seed: 1, paired: false, maxDialoguesPerSet: 100, resamples: 50 });
    expect(capped.nReal).toBe(100);
    expect(capped.nSimulated).toBe(100);
    expect(capped.warnings).toEqual(['subsampled for speed: 100 of 300 real and 100 of 120 simulated dialogues']);
  });
});

describe('out-of-fold dialogue scores', () => {
  it('gives every scored dialogue its P(real) = 1 − the out-of-fold score, whose AUC is the test\'s', () => {
    const real = syntheticSet('real', 'real', 3, 0, 0.3);
    const simulated = syntheticSet('sim', 'simulated', 4, 40, 0.5);
    for (const paired of [false, true]) {
      const { row, dialogueScores } = classifierTwoSampleTestWithScores({ real, simulated, definitions, seed: 11, paired, resamples: 100 });
      expect(dialogueScores).toHaveLength(300);
      expect(dialogueScores.slice(0, 150).every((score) => score.kind === 'real' && score.set === 'real')).toBe(true);
      expect(dialogueScores[150]).toMatchObject({ real: 'real', simulated: 'sim', set: 'sim', kind: 'simulated', dialogueId: 'sim-0', scenarioId: 'scenario-0', domain: 'general' });
      expect(dialogueScores[150]?.pairedDialogueId).toBe(paired ? 'real-0' : null);
      expect(dialogueScores.every((score) => score.realism >= 0 && score.realism <= 1)).toBe(true);
      // 1 − realism is the classifier's P(simulated): its AUC over the labels is the reported AUC (up to rounding)
      const auc = areaUnderCurve(dialogueScores.map((score) => 1 - score.realism), dialogueScores.map((score) => (score.kind === 'simulated' ? 1 : 0)));
      expect(auc as number).toBeCloseTo(row.auc as number, 2);
      const meanRealism = (kind: string) => {
        const ofKind = dialogueScores.filter((score) => score.kind === kind);
        return ofKind.reduce((total, score) => total + score.realism, 0) / ofKind.length;
      };
      expect(meanRealism('real')).toBeGreaterThan(meanRealism('simulated'));
    }
    expect(JSON.stringify(classifierTwoSampleTestWithScores({ real, simulated, definitions, seed: 11, paired: false, resamples: 100 }))).toBe(
      JSON.stringify(classifierTwoSampleTestWithScores({ real, simulated, definitions, seed: 11, paired: false, resamples: 100 })),
    );
  });

  it('has no scores when the test has no value', () => {
    const real = syntheticSet('real', 'real', 3, 0, 0.3);
    const simulated = syntheticSet('sim', 'simulated', 4, 40, 0.5);
    expect(classifierTwoSampleTestWithScores({ real, simulated: { ...simulated, dialogues: simulated.dialogues.slice(0, 1) }, definitions, seed: 1, paired: false }).dialogueScores).toEqual([]);
  });
});
