import { hashedTextFeatures } from './hashed-text-features.js';
import type { DecodedEmotionClassifier } from './emotion-classifier-artifact.js';
import { linearScores, softmax } from './training/softmax-regression-trainer.js';
import { isEmotionLabel, type EmotionLabel } from './emotion-labels.js';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';

export interface SentenceEmotionPrediction {
  /** The class with the highest calibrated probability (before the confidence threshold). */
  label: EmotionLabel;
  /** Its calibrated probability (0–1). */
  confidence: number;
}

export interface LinearEmotionClassifier {
  labels: EmotionLabel[];
  temperature: number;
  /** Calibrated class probabilities of one sentence, in `labels` order. */
  probabilities(sentence: string): Float64Array;
  predict(sentence: string): SentenceEmotionPrediction;
}

/** The runtime of the trained artifact: hashed n-gram features → int8 linear scores → softmax(scores / T). */
export function createLinearEmotionClassifier(decoded: DecodedEmotionClassifier): LinearEmotionClassifier {
  const { artifact, weights } = decoded;
  const labels = artifact.labels.map((label) => {
    if (!isEmotionLabel(label)) {
      throw new RealsimError('MODEL_NOT_FOUND', `emotion classifier: expected emotion labels, found ${quoteForMessage(label)}`);
    }
    return label;
  });
  const { bucketCount } = artifact.hyperParameters;
  const probabilities = (sentence: string) =>
    softmax(
      linearScores(hashedTextFeatures(sentence, bucketCount), weights, artifact.bias, labels.length, artifact.weightScales),
      artifact.temperature,
    );
  return {
    labels,
    temperature: artifact.temperature,
    probabilities,
    predict(sentence) {
      const classProbabilities = probabilities(sentence);
      let best = 0;
      for (let index = 1; index < classProbabilities.length; index += 1) {
        if ((classProbabilities[index] as number) > (classProbabilities[best] as number)) best = index;
      }
      return { label: labels[best] as EmotionLabel, confidence: classProbabilities[best] as number };
    },
  };
}
