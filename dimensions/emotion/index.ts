import type { DimensionAnnotator, DimensionModule } from '../../src/core/dimension.js';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';
import { defaultEmotionThreshold } from './confidence-threshold.js';
import { existsSync, readFileSync } from 'node:fs';
import { defaultEmotionClassifierPaths, readEmotionClassifier } from './emotion-classifier-artifact.js';
import { emotionLabels } from './emotion-labels.js';
import { createLinearEmotionClassifier } from './linear-emotion-classifier.js';
import { createSentenceEmotionAnnotator, sentenceEmotionMeasureId } from './sentence-emotion-annotator.js';
import {
  createTransformersEmotionClassifier,
  defaultTransformersEmotionModelDirectory,
} from './transformers-emotion-classifier.js';

export const emotionBackends = ['goemotions-linear', 'transformers'] as const;

/** Reads option `emotion.threshold` (default 0.75): a number in (0, 1]. */
export function emotionThresholdOption(options: Record<string, string>): number {
  const raw = options['emotion.threshold'];
  if (raw === undefined) return defaultEmotionThreshold;
  const threshold = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(threshold) || threshold <= 0 || threshold > 1) {
    throw new RealsimError('CONFIG', `option emotion.threshold: expected a number in (0, 1], found ${quoteForMessage(raw)}`);
  }
  return threshold;
}

const formatThreshold = (threshold: number) => `threshold ${threshold}`;

async function createGoEmotionsLinearAnnotator(options: Record<string, string>): Promise<DimensionAnnotator> {
  const threshold = emotionThresholdOption(options);
  const decoded = readEmotionClassifier(options['emotion.classifier-file']);
  const classifier = createLinearEmotionClassifier(decoded);
  const version = `goemotions-linear@${decoded.fileDigest}`;
  const test = decoded.artifact.metrics.test.classifier;
  return createSentenceEmotionAnnotator({
    backend:
      `${version} (softmax regression on hashed word/char n-grams trained on GoEmotions, temperature ` +
      `${decoded.artifact.temperature}, test accuracy ${test.accuracy} macro-F1 ${test.macroF1}; wink-nlp sentences; ` +
      `${formatThreshold(threshold)})`,
    cacheNamespace: `emotion/${version}`,
    threshold,
    classifySentences: async (sentences) => sentences.map((sentence) => classifier.predict(sentence)),
    batchSize: 4096,
  });
}

async function createTransformersAnnotator(options: Record<string, string>): Promise<DimensionAnnotator> {
  const threshold = emotionThresholdOption(options);
  const modelDirectory = options['emotion.model-dir'] ?? defaultTransformersEmotionModelDirectory;
  const classifier = await createTransformersEmotionClassifier(modelDirectory);
  const version = `transformers.js:${classifier.modelDirectory.split(/[\\/]/).pop() ?? 'model'}/${classifier.onnxFile}`;
  return createSentenceEmotionAnnotator({
    backend: `${version} (text classification from local folder ${classifier.modelDirectory}; wink-nlp sentences; ${formatThreshold(threshold)})`,
    cacheNamespace: `emotion/${version}`,
    threshold,
    classifySentences: (sentences) => classifier.classifySentences(sentences),
    batchSize: 32,
    dispose: () => classifier.dispose(),
  });
}

/** Model card of the committed classifier, read from the artifact (numbers are the training script's). */
export function describeEmotionModels(): string[] {
  const artifact = JSON.parse(readFileSync(defaultEmotionClassifierPaths().find((candidate) => existsSync(candidate)) ?? '', 'utf8')) as {
    seed: number;
    temperature: number;
    data: { train: { sha256: string; rows: number } };
    metrics: Record<string, { mapping?: string; classifier?: { rows: number; accuracy: number; macroF1: number }; majorityBaseline?: { accuracy: number; macroF1: number }; lexiconBaseline?: { accuracy: number; macroF1: number }; calibration?: { confidentShare: number; confidentAccuracy: number } }>;
  };
  const lines = [
    `goemotions-linear (default): trained by scripts/train-emotion-classifier.ts, seed ${artifact.seed}, GoEmotions train.tsv sha256 ${artifact.data.train.sha256.slice(0, 12)}… (${artifact.data.train.rows} rows), temperature ${artifact.temperature}`,
  ];
  for (const key of ['test', 'testOfficialMapping']) {
    const metrics = artifact.metrics[key];
    if (!metrics?.classifier) continue;
    const baseline = metrics.majorityBaseline;
    const lexicon = metrics.lexiconBaseline;
    lines.push(
      `  GoEmotions test, single-class rows (${metrics.classifier.rows}), labels: ${metrics.mapping ?? key}: ` +
        `accuracy ${metrics.classifier.accuracy.toFixed(3)}, macro-F1 ${metrics.classifier.macroF1.toFixed(3)}` +
        (baseline ? `; majority class ${baseline.accuracy.toFixed(3)} / ${baseline.macroF1.toFixed(3)}` : '') +
        (lexicon ? `; lexicon baseline ${lexicon.accuracy.toFixed(3)} / ${lexicon.macroF1.toFixed(3)}` : ''),
    );
    if (metrics.calibration) {
      lines.push(
        `  calibration: ${(metrics.calibration.confidentShare * 100).toFixed(1)}% of test predictions have confidence ≥ 0.75; ${(metrics.calibration.confidentAccuracy * 100).toFixed(1)}% of those are correct`,
      );
    }
  }
  lines.push('transformers: a local ONNX text-classification model folder (e.g. j-hartmann/emotion-english-distilroberta-base), --option emotion.model-dir=<dir>; needs npm i @huggingface/transformers');
  return lines;
}

export const dimension: DimensionModule = {
  definition: {
    id: 'emotion',
    level: 'user-state',
    title: 'Emotion',
    description:
      'The emotion each sentence of user text expresses (Ekman six + neutral). A prediction whose calibrated ' +
      `probability is under the threshold (default ${defaultEmotionThreshold}, option emotion.threshold; the value used ` +
      'is in the backend string) counts as neutral.',
    measures: [
      {
        id: sentenceEmotionMeasureId,
        scale: 'categorical',
        unitOfMass: 'sentence',
        categories: [...emotionLabels],
        includesNone: false,
        description:
          'Share of user sentences (wink-nlp sentence splitting) per emotion label. "neutral" is a real class of the ' +
          'classifier, not a missing tag, so there is no separate none category; empty user messages contribute no ' +
          'sentences.',
      },
    ],
    /** Headline: its only measure. */
    headlineMeasure: sentenceEmotionMeasureId,
  },
  backends: [...emotionBackends],
  options: {
    'emotion.threshold': `confidence under which a sentence counts as neutral (default ${defaultEmotionThreshold})`,
    'emotion.classifier-file': 'goemotions-linear: another classifier file of the same format',
    'emotion.model-dir': 'transformers: a local ONNX text-classification model folder',
  },
  describeModels: describeEmotionModels,
  async createAnnotator(backend, options) {
    if (backend === 'goemotions-linear') return createGoEmotionsLinearAnnotator(options);
    if (backend === 'transformers') return createTransformersAnnotator(options);
    throw new RealsimError(
      'USAGE',
      `emotion backend: expected one of ${emotionBackends.join(', ')}, found ${quoteForMessage(backend)}`,
    );
  },
};
