import { neutralLabel, type EmotionLabel } from './emotion-labels.js';

export const defaultEmotionThreshold = 0.75;

/**
 * The reference rule (dimensions/emotion/README.md): a sentence keeps its predicted emotion only when the calibrated
 * probability of that emotion is at least `threshold`; otherwise it counts as neutral.
 * 0.74 with threshold 0.75 → neutral; 0.76 → the emotion; exactly 0.75 → the emotion.
 */
export function applyConfidenceThreshold(label: EmotionLabel, confidence: number, threshold: number): EmotionLabel {
  return confidence >= threshold ? label : neutralLabel;
}
