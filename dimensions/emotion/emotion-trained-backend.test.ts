import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../src/annotate/annotation-cache.js';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import { RealsimError } from '../../src/core/realsim-error.js';
import { dialogueFromUserTexts } from '../../test/helpers/test-dialogue.js';
import { dimension } from './index.js';
import { sentenceLabelsUnderTurnEmotions, turnLevelEmotions, type UserTurnEmotionDetail } from './sentence-emotion-annotator.js';
import { emotionTurnSpec } from './trained-turn-spec.js';

const predictions = (...labels: Array<'anger' | 'joy' | 'sadness' | 'neutral'>) => labels.map((label) => ({ label }));

describe('sentence labels under turn emotions', () => {
  it('keeps the sentence labels that are the turn emotion and makes every other sentence neutral', () => {
    expect(sentenceLabelsUnderTurnEmotions(predictions('joy', 'neutral', 'anger'), ['joy'])).toEqual(['joy', 'neutral', 'neutral']);
    expect(sentenceLabelsUnderTurnEmotions(predictions('joy', 'joy'), ['joy'])).toEqual(['joy', 'joy']);
  });

  it('makes every sentence neutral for a neutral turn, whatever the classifier said', () => {
    expect(sentenceLabelsUnderTurnEmotions(predictions('joy', 'anger'), ['neutral'])).toEqual(['neutral', 'neutral']);
  });

  it('puts an emotion no sentence names on the first sentence with any emotion, else on the first sentence', () => {
    // anger wanted; sentence 2 is the first the classifier found an emotion in (joy)
    expect(sentenceLabelsUnderTurnEmotions(predictions('neutral', 'joy', 'sadness'), ['anger'])).toEqual(['neutral', 'anger', 'neutral']);
    expect(sentenceLabelsUnderTurnEmotions(predictions('neutral', 'neutral'), ['sadness'])).toEqual(['sadness', 'neutral']);
    expect(sentenceLabelsUnderTurnEmotions([], ['joy'])).toEqual([]);
  });

  it('gives back the turn emotions under the turn-level aggregation', () => {
    expect(turnLevelEmotions(sentenceLabelsUnderTurnEmotions(predictions('neutral', 'joy', 'anger'), ['sadness']))).toEqual(['sadness']);
  });
});

describe('emotion turn spec', () => {
  // outputs: anger, disgust, fear, joy, sadness, surprise
  const thresholds = [0.2, 0.5, 0.5, 0.3, 0.5, 0.5];

  it('picks the one emotion furthest above its threshold (anger 0.3/0.2 = 1.5 < joy 0.6/0.3 = 2)', () => {
    expect(emotionTurnSpec.decode([0.3, 0, 0, 0.6, 0.1, 0], thresholds, { turn: 1, text: 'x', previousAssistantText: '', previousUserText: '', ruleCues: [] })).toEqual(['joy']);
  });

  it('says neutral when no emotion reaches its threshold, and learns nothing from empty turns', () => {
    const context = { turn: 1, text: 'x', previousAssistantText: '', previousUserText: '', ruleCues: [] };
    expect(emotionTurnSpec.decode([0.19, 0.49, 0, 0.29, 0.1, 0], thresholds, context)).toEqual(['neutral']);
    expect(emotionTurnSpec.isLearned({ ...context, text: '  ' })).toBe(false);
    expect(emotionTurnSpec.fixedTags(context)).toEqual(['neutral']);
  });

  it('targets the labelled emotion only; a neutral turn is all zeros', () => {
    expect(Array.from(emotionTurnSpec.targets(['sadness']))).toEqual([0, 0, 0, 0, 1, 0]);
    expect(Array.from(emotionTurnSpec.targets(['neutral']))).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('trained emotion backend', () => {
  it('is the default and names its model, the GoEmotions classifier and its cross-validated figures', async () => {
    expect(dimension.backends[0]).toBe('trained');
    const annotator = await dimension.createAnnotator('trained', {});
    expect(annotator.backend).toMatch(/^emotion-trained@1\[model [0-9a-f]{12}\]\+goemotions-linear@[0-9a-f]{12} /);
    expect(annotator.backend).toMatch(/cross-validated turn micro-F1 0\.\d+ macro-F1 0\.\d+, majority baseline 0\.\d+ \/ 0\.\d+/);
    expect(annotator.distributionError?.sentence_emotion?.source).toMatch(/turn-level emotions cross-validated on \d+ labelled turns/);
  });

  it('refuses emotion.threshold, which only the threshold backends use', async () => {
    await expect(dimension.createAnnotator('trained', { 'emotion.threshold': '0.5' })).rejects.toThrow(RealsimError);
    await expect(dimension.createAnnotator('trained', { 'emotion.threshold': '0.5' })).rejects.toThrow(/not to "trained"/);
  });

  it('annotates every user turn with sentence labels whose turn aggregation is the turn emotion, identically twice', async () => {
    const annotator = await dimension.createAnnotator('trained', {});
    const dialogue = dialogueFromUserTexts('d', ['What is the capital of France?', 'Thank you so much, I love it! It is wonderful.', '']);
    const run = () => annotator.annotate([dialogue], { cache: createMemoryCache(), progress: silentProgress, options: {} });
    const [first] = await run();
    const turns = first?.userTurns as unknown as UserTurnEmotionDetail[];
    expect(turns.map((turn) => turn.turn)).toEqual([1, 2, 3]);
    expect(turns[0]?.emotion).toEqual(['neutral']);
    expect(turns[2]?.sentenceLabels).toEqual([]);
    for (const turn of turns) expect(turn.emotion).toEqual(turnLevelEmotions(turn.sentenceLabels));
    expect(first?.categorical.sentence_emotion).toEqual(turns.flatMap((turn) => turn.sentenceLabels));
    expect(await run()).toEqual([first]);
  });
});
