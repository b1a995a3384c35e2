import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../src/annotate/annotation-cache.js';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import type { Dialogue } from '../../src/core/dialogue.js';
import { RealsimError } from '../../src/core/realsim-error.js';
import { applyConfidenceThreshold } from './confidence-threshold.js';
import { ekmanClassByGoEmotionsId, ekmanClassesOfRow } from './emotion-labels.js';
import { dimension, emotionThresholdOption } from './index.js';
import { createSentenceEmotionAnnotator, type UserTurnEmotionDetail } from './sentence-emotion-annotator.js';
import { splitSentences } from './sentence-splitter.js';
import { classificationMetrics } from './training/classification-metrics.js';
import { fitTemperature } from './training/temperature-scaling.js';
import { quantizeWeights } from './training/train-emotion-classifier-artifact.js';
import type { SentenceEmotionPrediction } from './linear-emotion-classifier.js';
import { dialogueFromUserTexts } from '../../test/helpers/test-dialogue.js';

const dialogueOf = (id: string, userTexts: string[]) => dialogueFromUserTexts(id, userTexts, 'Sure, here it is.');

describe('confidence threshold rule', () => {
  it('turns a prediction under the threshold into neutral and keeps one at or above it', () => {
    expect(applyConfidenceThreshold('anger', 0.74, 0.75)).toBe('neutral');
    expect(applyConfidenceThreshold('anger', 0.76, 0.75)).toBe('anger');
    expect(applyConfidenceThreshold('joy', 0.75, 0.75)).toBe('joy');
    expect(applyConfidenceThreshold('neutral', 0.3, 0.75)).toBe('neutral');
  });

  it('reads emotion.threshold and rejects values outside (0, 1]', () => {
    expect(emotionThresholdOption({})).toBe(0.75);
    expect(emotionThresholdOption({ 'emotion.threshold': '0.9' })).toBe(0.9);
    expect(() => emotionThresholdOption({ 'emotion.threshold': '1.5' })).toThrow(/expected a number in \(0, 1\], found "1.5"/);
    expect(() => emotionThresholdOption({ 'emotion.threshold': 'high' })).toThrow(RealsimError);
    expect(() => emotionThresholdOption({ 'emotion.threshold': '' })).toThrow(RealsimError);
  });
});

describe('goemotions → ekman label mapping', () => {
  const names = ['admiration', 'anger', 'curiosity', 'neutral'];
  const mapping = { joy: ['admiration'], anger: ['anger'], surprise: ['curiosity'] };

  it('maps every goemotions id to its ekman class, neutral to neutral', () => {
    expect(ekmanClassByGoEmotionsId(names, mapping)).toEqual(['joy', 'anger', 'surprise', 'neutral']);
  });

  it('maps neutralised categories to neutral', () => {
    expect(ekmanClassByGoEmotionsId(names, mapping, ['curiosity'])).toEqual(['joy', 'anger', 'neutral', 'neutral']);
  });

  it('gives the distinct classes of a multi-label row in label order', () => {
    const ekmanById = ekmanClassByGoEmotionsId(names, mapping);
    // ids 0 (admiration → joy) and 1 (anger → anger): two classes, listed in emotionLabels order
    expect(ekmanClassesOfRow('0,1', ekmanById)).toEqual(['anger', 'joy']);
    // ids 1 and 1 again: one class, so a single-class row
    expect(ekmanClassesOfRow('1,1', ekmanById)).toEqual(['anger']);
    expect(() => ekmanClassesOfRow('7', ekmanById)).toThrow(/expected label ids between 0 and 3, found "7"/);
  });

  it('rejects a goemotions name the mapping does not cover', () => {
    expect(() => ekmanClassByGoEmotionsId(['grief'], mapping)).toThrow(/unmapped "grief"/);
  });
});

describe('sentence splitting (wink-nlp)', () => {
  it('splits a multi-sentence user turn and drops empty text', () => {
    expect(splitSentences('I am so angry. Why did you do that?! Thanks a lot.\n\nNext paragraph here')).toEqual([
      'I am so angry.',
      'Why did you do that?!',
      'Thanks a lot.',
      'Next paragraph here',
    ]);
    expect(splitSentences('   \n ')).toEqual([]);
  });
});

describe('sentence emotion annotator', () => {
  // A stand-in classifier: "angry" → anger at 0.9, "meh" → joy at 0.74 (under 0.75), anything else neutral at 0.99.
  function fakeAnnotator() {
    const calls: string[][] = [];
    const annotator = createSentenceEmotionAnnotator({
      backend: 'fake (threshold 0.75)',
      cacheNamespace: 'emotion/fake',
      threshold: 0.75,
      classifySentences: async (sentences) => {
        calls.push(sentences);
        return sentences.map((sentence): SentenceEmotionPrediction => {
          if (sentence.includes('angry')) return { label: 'anger', confidence: 0.9 };
          if (sentence.includes('meh')) return { label: 'joy', confidence: 0.74 };
          return { label: 'neutral', confidence: 0.99 };
        });
      },
    });
    return { annotator, calls };
  }

  it('labels every sentence, applies the threshold and reports per-turn detail', async () => {
    const { annotator } = fakeAnnotator();
    const [annotation] = await annotator.annotate([dialogueOf('d1', ['I am angry. It is meh.', 'Write code.', ''])], {
      cache: createMemoryCache(),
      progress: silentProgress,
      options: {},
    });
    expect(annotation?.categorical.sentence_emotion).toEqual(['anger', 'neutral', 'neutral']);
    const turns = annotation?.userTurns as unknown as UserTurnEmotionDetail[];
    expect(turns.map((turn) => [turn.turn, turn.sentenceLabels, turn.allNeutral])).toEqual([
      [1, ['anger', 'neutral'], false],
      [2, ['neutral'], true],
      [3, [], true],
    ]);
    expect(turns[0]?.sentencePredictions[1]).toEqual({ label: 'joy', confidence: 0.74 });
  });

  it('classifies each distinct message once and serves the second call from the cache', async () => {
    const { annotator, calls } = fakeAnnotator();
    const cache = createMemoryCache();
    const dialogues = [dialogueOf('d1', ['I am angry.', 'Thanks.']), dialogueOf('d2', ['I am angry.'])];
    const first = await annotator.annotate(dialogues, { cache, progress: silentProgress, options: {} });
    // two distinct messages, one batch of two sentences
    expect(calls).toEqual([['I am angry.', 'Thanks.']]);
    expect(cache.statistics()).toEqual({ hits: 0, misses: 2 });
    const second = await annotator.annotate(dialogues, { cache, progress: silentProgress, options: {} });
    expect(calls).toHaveLength(1);
    expect(cache.statistics()).toEqual({ hits: 2, misses: 2 });
    expect(second).toEqual(first);
  });
});

describe('emotion backends', () => {
  it('rejects an unknown backend, listing the valid ones', async () => {
    await expect(dimension.createAnnotator('roberta', {})).rejects.toThrow(
      /emotion backend: expected one of trained, goemotions-linear, transformers, found "roberta"/,
    );
  });

  it('says where it looked and how to get the model when the transformers model folder is missing', async () => {
    const missing = join(tmpdir(), 'realsim-no-such-emotion-model');
    const error = await dimension.createAnnotator('transformers', { 'emotion.model-dir': missing }).catch((caught) => caught);
    expect(error).toBeInstanceOf(RealsimError);
    expect(error.code).toBe('MODEL_NOT_FOUND');
    expect(error.message).toContain(`"${missing}"`);
    expect(error.message).toContain('found no such folder');
    expect(error.message).toContain('npm i @huggingface/transformers');
    expect(error.message).toContain('--option emotion.model-dir=');
  });

  it('names the missing files when the folder lacks the onnx weights', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'realsim-emotion-model-'));
    writeFileSync(join(folder, 'config.json'), '{}');
    mkdirSync(join(folder, 'onnx'));
    await expect(dimension.createAnnotator('transformers', { 'emotion.model-dir': folder })).rejects.toThrow(
      /expected a model folder with onnx\/model.onnx or onnx\/model_quantized.onnx at .* found a folder without them/,
    );
  });
});

describe('training helpers', () => {
  it('computes accuracy and macro-F1', () => {
    // gold a a b b, predicted a b b b: accuracy 3/4; F1(a) = 2·1/(1+2) = 2/3; F1(b) = 2·2/(3+2) = 4/5;
    // macro-F1 = (2/3 + 4/5) / 2 = 11/15 ≈ 0.7333
    const metrics = classificationMetrics([0, 0, 1, 1], [0, 1, 1, 1], ['a', 'b']);
    expect(metrics.accuracy).toBe(0.75);
    expect(metrics.macroF1).toBeCloseTo(11 / 15, 10);
  });

  it('fits the temperature that makes confidence match accuracy', () => {
    // four rows with scores (1, 0): three are class 0, one is class 1. NLL is minimal when
    // p(class 0) = 3/4, i.e. 1/(1 + e^(-1/T)) = 3/4 → 1/T = ln 3 → T = 1/ln 3 ≈ 0.9102
    const scores = [0, 1, 2, 3].map(() => Float64Array.from([1, 0]));
    expect(fitTemperature(scores, [0, 0, 0, 1])).toBeCloseTo(1 / Math.log(3), 4);
  });

  it('quantises weights to int8 with one scale per class', () => {
    // feature-major, two classes: class 0 weights (1, 0.5) → scale 1/127 → 127, round(63.5) = 64;
    // class 1 weights (-2, 4) → scale 4/127 → round(-63.5) = -63, 127
    const { quantized, scales } = quantizeWeights(Float64Array.from([1, -2, 0.5, 4]), 2);
    expect(Array.from(quantized)).toEqual([127, -63, 64, 127]);
    expect(scales[0]).toBeCloseTo(1 / 127, 9);
    expect(scales[1]).toBeCloseTo(4 / 127, 9);
  });
});
