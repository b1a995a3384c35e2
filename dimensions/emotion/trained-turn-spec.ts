import type { Dialogue } from '../../src/core/dialogue.js';
import { bestOutputRelativeToThreshold, membershipTargets, outputsAtThreshold, type TurnLabelSpec } from '../../src/learn/turn-label-spec.js';
import { applyConfidenceThreshold, defaultEmotionThreshold } from './confidence-threshold.js';
import { readEmotionClassifier } from './emotion-classifier-artifact.js';
import { emotionLabels, neutralLabel, type EmotionLabel } from './emotion-labels.js';
import { createLinearEmotionClassifier, type LinearEmotionClassifier } from './linear-emotion-classifier.js';
import { roundConfidence, turnLevelEmotions } from './sentence-emotion-annotator.js';
import { splitSentences } from './sentence-splitter.js';

export const NON_NEUTRAL_EMOTIONS: readonly EmotionLabel[] = emotionLabels.filter((label) => label !== neutralLabel);

export const emotionTrainedBackendName =
  'emotion-trained@1 (one-vs-rest logistic regression on hashed n-grams of the user turn and the chatbot turn before it, with the goemotions-linear turn emotions as cues; trained on reference-labels/train.jsonl)';

let sharedGoEmotionsClassifier: LinearEmotionClassifier | undefined;
const goEmotionsClassifier = () => (sharedGoEmotionsClassifier ??= createLinearEmotionClassifier(readEmotionClassifier()));

/** The goemotions-linear backend's turn emotions (sentence labels under the 0.75 rule, aggregated per turn). */
export function goEmotionsTurnEmotions(dialogue: Dialogue): string[][] {
  const classifier = goEmotionsClassifier();
  return dialogue.turns
    .filter((turn) => turn.role === 'user')
    .map((turn) =>
      turnLevelEmotions(
        splitSentences(turn.text).map((sentence) => {
          const prediction = classifier.predict(sentence);
          return applyConfidenceThreshold(prediction.label, roundConfidence(prediction.confidence), defaultEmotionThreshold);
        }),
      ),
    );
}

/**
 * Emotion for the trained turn layer: one binary model per non-neutral emotion over the turn's hashed
 * n-grams, the chatbot turn before it and, stacked as cues, the goemotions-linear backend's emotions for
 * the turn. The labels give one emotion per turn, so a turn gets the emotion furthest above its threshold
 * among those at threshold, else neutral. An empty turn is neutral.
 */
export const emotionTurnSpec: TurnLabelSpec = {
  dimension: 'emotion',
  tags: emotionLabels,
  outputs: NON_NEUTRAL_EMOTIONS,
  goldTags: (label) => [label.emotion],
  targets(gold) {
    return membershipTargets(this.outputs, gold);
  },
  isLearned: (context) => context.text.trim() !== '',
  fixedTags: () => [neutralLabel],
  decode(probabilities, thresholds) {
    const atThreshold = outputsAtThreshold(this.outputs, probabilities, thresholds);
    if (atThreshold.length === 0) return [neutralLabel];
    return [bestOutputRelativeToThreshold(this.outputs, probabilities, thresholds, atThreshold) ?? neutralLabel];
  },
  turnMeasures: (tagsPerTurn) => ({ turn_emotion: tagsPerTurn.flat() }),
  ruleTags: goEmotionsTurnEmotions,
};
