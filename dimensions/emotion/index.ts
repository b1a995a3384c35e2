import type { DimensionAnnotator, DimensionModule } from '../../src/core/dimension.js';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';
import { defaultEmotionThreshold } from './confidence-threshold.js';
import { readEmotionClassifier } from './emotion-classifier-artifact.js';
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
  },
  backends: [...emotionBackends],
  async createAnnotator(backend, options) {
    if (backend === 'goemotions-linear') return createGoEmotionsLinearAnnotator(options);
    if (backend === 'transformers') return createTransformersAnnotator(options);
    throw new RealsimError(
      'USAGE',
      `emotion backend: expected one of ${emotionBackends.join(', ')}, found ${quoteForMessage(backend)}`,
    );
  },
};
