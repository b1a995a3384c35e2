import { join } from 'node:path';
import { projectRoot } from '../core/project-root.js';
import type { TurnClassifierSettings } from './fit-turn-classifier.js';

/**
 * Settings of the trained turn classifiers (the committed defaults and `realsim train-annotator`). Chosen by
 * cross-validation on the training turns (never on dev): more L2 than the emotion model (1e-2; 1e-6 to 1e-3
 * scored 0.01–0.05 lower), no re-weighting of positive examples (it lowered every cross-validated F1),
 * 2^18 buckets, buckets kept when at least 5 training turns have them.
 */
export const DEFAULT_TURN_CLASSIFIER_SETTINGS: TurnClassifierSettings = {
  features: { bits: 18 },
  training: { epochs: 8, learningRate: 0.2, l2Penalty: 1e-2, positiveWeightPower: 0, seed: 20261202 },
  thresholdFolds: 3,
  minimumDocumentFrequency: 5,
};

export const TRAINED_BACKEND_VERSION = 1;

/** Where a dimension's committed trained model lives. */
export function defaultTrainedModelPath(dimension: string): string {
  return join(projectRoot(), 'dimensions', dimension, 'model', `${dimension}-classifier.json.gz`);
}

export function trainedBackendName(dimension: string, source = 'reference-labels/train.jsonl'): string {
  return `${dimension}-trained@${TRAINED_BACKEND_VERSION} (one-vs-rest logistic regression on hashed n-grams of the turn, the chatbot turn before it and rule cues; trained on ${source})`;
}
