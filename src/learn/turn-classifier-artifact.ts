import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import { decodeVocabulary, type CompactTurnClassifier } from './compact-turn-classifier.js';
import type { ValidityFigures } from './validity-figures.js';

export const TURN_CLASSIFIER_FORMAT = 'realsim-turn-classifier/1';

/** Real-vs-simulated TVD × 100 of one measure on labelled pairs: from the labels and from the annotator. */
export interface GapFidelityRow {
  measure: string;
  pairs: number;
  labelledTvd: number;
  measuredTvd: number;
  /** measured − labelled (TVD × 100 points). */
  difference: number;
}

export interface TurnClassifierQuality {
  /** k-fold cross-validation grouped by dialogue (copies and the two sides of a pair in one fold). */
  crossValidation: ValidityFigures & { folds: number };
  /** Each domain predicted by a model trained on the others only (absent with fewer than two domains). */
  leaveOneDomainOut?: ValidityFigures & { domains: number };
  /** The labelled dev turns (none of them in training), annotated by the shipped ensemble. */
  dev?: ValidityFigures;
  /** The rule backend on the same training turns (it was never fitted to them): the figure to beat. */
  rulesOnTrainingTurns: ValidityFigures;
  /** Cross-validated: each pair annotated by the fold model that did not see it. */
  gapFidelity: GapFidelityRow[];
}

/** The JSON file of a trained turn classifier (committed for the defaults, written by train-annotator). */
export interface TurnClassifierArtifact {
  format: typeof TURN_CLASSIFIER_FORMAT;
  dimension: string;
  /** Names the backend in every report row, e.g. "intent-trained@1 (hashed n-grams + rule cues, ...)". */
  backend: string;
  featureVersion: string;
  trainingCommand: string;
  settings: Record<string, unknown>;
  /** What it learned from: files with sha256, and the number of labelled dialogues and turns. */
  data: { files: Array<{ file: string; sha256: string }>; dialogues: number; turns: number; labelSource: string };
  tags: string[];
  outputs: string[];
  bits: number;
  /** Sorted bucket list as base64 LEB128 gaps (see encodeVocabulary). */
  vocabulary: string;
  /**
   * One model per cross-validation fold, trained without that fold. A dialogue in training is annotated by
   * the model of its fold (cross-fitting: never by a model that saw it); any other by the mean of all.
   */
  folds: Array<{ weights: string; scales: number[]; bias: number[]; thresholds: number[] }>;
  /** Content keys (see dialogueContentKey) of the training dialogues, per fold. */
  foldDialogueKeys: string[][];
  quality: TurnClassifierQuality;
}

/** The artifact's models in memory, plus the fold of each training dialogue. */
export interface LoadedTurnClassifier {
  artifact: TurnClassifierArtifact;
  classifier: CompactTurnClassifier;
  foldOfDialogue: Map<string, number>;
  path: string;
}

function fail(path: string, expected: string, found: unknown): never {
  throw new RealsimError('MODEL_INVALID', `${path}: expected ${expected}, found ${quoteForMessage(found)}`);
}

/** Reads a trained turn classifier (.json, or .json.gz), checking its format and dimension. */
export function readTurnClassifier(path: string, dimension: string): LoadedTurnClassifier {
  if (!existsSync(path)) {
    throw new RealsimError('MODEL_NOT_FOUND', `--option ${dimension}.model: expected a trained ${dimension} model file, found ${quoteForMessage(path)} (no such file; make one with realsim train-annotator)`);
  }
  const bytes = readFileSync(path);
  const text = path.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  let artifact: TurnClassifierArtifact;
  try {
    artifact = JSON.parse(text) as TurnClassifierArtifact;
  } catch {
    return fail(path, 'a JSON model file', text.slice(0, 40));
  }
  if (artifact.format !== TURN_CLASSIFIER_FORMAT) fail(path, `format "${TURN_CLASSIFIER_FORMAT}"`, artifact.format);
  if (artifact.dimension !== dimension) fail(path, `a model of dimension "${dimension}"`, artifact.dimension);
  if (!Array.isArray(artifact.folds) || artifact.folds.length === 0) fail(path, 'at least one fold model', artifact.folds);
  const vocabulary = decodeVocabulary(artifact.vocabulary);
  const outputCount = artifact.outputs.length;
  const models = artifact.folds.map((fold, index) => {
    const weights = new Int8Array(Buffer.from(fold.weights, 'base64'));
    if (weights.length !== vocabulary.length * outputCount) fail(path, `${vocabulary.length * outputCount} weights in fold ${index}`, weights.length);
    return { weights, scales: Float64Array.from(fold.scales), bias: Float64Array.from(fold.bias), thresholds: Float64Array.from(fold.thresholds) };
  });
  const foldOfDialogue = new Map<string, number>();
  artifact.foldDialogueKeys.forEach((keys, fold) => {
    for (const key of keys) foldOfDialogue.set(key, fold);
  });
  return { artifact, classifier: { bits: artifact.bits, outputCount, vocabulary, models }, foldOfDialogue, path };
}
