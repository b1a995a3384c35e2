import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';

export const emotionClassifierArtifactFormat = 'realsim-emotion-linear-classifier/1';
export const emotionClassifierFileName = 'emotion-classifier.json';

export interface SplitMetrics {
  /** Single-class rows scored (mapped to the 7 classes). */
  rows: number;
  accuracy: number;
  macroF1: number;
  perClassF1?: Record<string, number>;
}

export interface CalibrationMetrics {
  threshold: number;
  /** Share of test rows whose top calibrated probability is ≥ threshold (0–1). */
  confidentShare: number;
  /** Accuracy of those confident predictions (0–1). */
  confidentAccuracy: number;
  /** The same two numbers restricted to confident predictions of a non-neutral class. */
  confidentEmotionShare: number;
  confidentEmotionAccuracy: number;
  /** Expected calibration error over 10 equal-width confidence bins (0–1), before and after scaling. */
  expectedCalibrationErrorBefore: number;
  expectedCalibrationErrorAfter: number;
}

export interface SplitEvaluation {
  /** Which GoEmotions → Ekman mapping defines the gold labels. */
  mapping: string;
  /** Arg-max of the classifier. */
  classifier: SplitMetrics;
  /** Arg-max, then the confidence threshold (under it → neutral), as the dimension applies it. */
  classifierWithThreshold: SplitMetrics;
  majorityBaseline: SplitMetrics & { majorityClass: string };
  lexiconBaseline: SplitMetrics;
  calibration: CalibrationMetrics;
}

export interface EmotionClassifierArtifact {
  format: typeof emotionClassifierArtifactFormat;
  trainingScript: string;
  /** How to rebuild this file byte for byte. */
  retrainCommand: string;
  seed: number;
  featureVersion: string;
  labels: string[];
  hyperParameters: {
    bucketCount: number;
    epochs: number;
    learningRate: number;
    l2Penalty: number;
    classWeighting: string;
    classWeights: number[];
    multiClassRows: string;
    neutralisedGoEmotions: string[];
    weightQuantization: string;
  };
  data: Record<string, { file: string; sha256: string; rows: number; rowsUsed: number }>;
  /** Temperature fitted on dev (NLL); probabilities are softmax(scores / temperature). */
  temperature: number;
  metrics: {
    /** Single-class dev rows, training mapping; used to choose the hyper-parameters (test was not). */
    dev: SplitMetrics;
    /** GoEmotions test, single-class rows under the mapping the classifier is trained with. */
    test: SplitEvaluation;
    /** GoEmotions test, single-class rows under the official ekman_mapping.json. */
    testOfficialMapping: SplitEvaluation;
  };
  bias: number[];
  /** Per-class scale: real weight = int8 weight × scale. */
  weightScales: number[];
  /** int8, feature-major (bucket * classCount + class), base64. */
  weightsBase64: string;
}

export interface DecodedEmotionClassifier {
  artifact: EmotionClassifierArtifact;
  weights: Int8Array;
  /** sha256 prefix of the file's bytes, written into backend strings. */
  fileDigest: string;
}

/** Where the committed artifact is looked for: next to this module, or (from dist/) in the source tree. */
export function defaultEmotionClassifierPaths(): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  return [
    resolve(here, 'model', emotionClassifierFileName),
    resolve(here, '../../../dimensions/emotion/model', emotionClassifierFileName),
  ];
}

export function decodeEmotionClassifier(text: string, source: string, fileDigest: string): DecodedEmotionClassifier {
  let artifact: EmotionClassifierArtifact;
  try {
    artifact = JSON.parse(text) as EmotionClassifierArtifact;
  } catch (error) {
    throw new RealsimError('MODEL_NOT_FOUND', `emotion classifier ${quoteForMessage(source)}: expected json, found unreadable text`, {
      cause: error,
    });
  }
  if (artifact.format !== emotionClassifierArtifactFormat) {
    throw new RealsimError(
      'MODEL_NOT_FOUND',
      `emotion classifier ${quoteForMessage(source)}: expected format ${quoteForMessage(emotionClassifierArtifactFormat)}, found ${quoteForMessage(artifact.format)}`,
    );
  }
  const bytes = Buffer.from(artifact.weightsBase64, 'base64');
  const weights = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const expectedLength = artifact.hyperParameters.bucketCount * artifact.labels.length;
  if (weights.length !== expectedLength) {
    throw new RealsimError(
      'MODEL_NOT_FOUND',
      `emotion classifier ${quoteForMessage(source)}: expected ${expectedLength} weights, found ${weights.length}`,
    );
  }
  return { artifact, weights, fileDigest };
}

export function readEmotionClassifier(path?: string): DecodedEmotionClassifier {
  const candidates = path ? [path] : defaultEmotionClassifierPaths();
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new RealsimError(
      'MODEL_NOT_FOUND',
      `emotion classifier: expected ${emotionClassifierFileName} at ${candidates.map((candidate) => quoteForMessage(candidate, 200)).join(' or ')}, found nothing; rebuild it with node dist/scripts/train-emotion-classifier.js`,
    );
  }
  const bytes = readFileSync(found);
  const fileDigest = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  return decodeEmotionClassifier(bytes.toString('utf8'), found, fileDigest);
}
