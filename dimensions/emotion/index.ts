import type { Dialogue } from '../../src/core/dialogue.js';
import type { DimensionAnnotator, DimensionModule } from '../../src/core/dimension.js';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';
import { defaultEmotionThreshold } from './confidence-threshold.js';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describeTrainedModel } from '../../src/learn/describe-trained-model.js';
import { createTrainedTurnScorer, trainedAnnotationCacheNamespace, trainedModelPathFor } from '../../src/learn/trained-turn-annotator.js';
import { dialogueContentKey } from '../../src/learn/labelled-dialogues.js';
import { readTurnClassifier } from '../../src/learn/turn-classifier-artifact.js';
import { emotionTurnSpec } from './trained-turn-spec.js';
import { defaultEmotionClassifierPaths, readEmotionClassifier } from './emotion-classifier-artifact.js';
import { emotionLabels } from './emotion-labels.js';
import { createLinearEmotionClassifier } from './linear-emotion-classifier.js';
import { createSentenceEmotionAnnotator, sentenceEmotionMeasureId } from './sentence-emotion-annotator.js';
import {
  createTransformersEmotionClassifier,
  defaultTransformersEmotionModelDirectory,
} from './transformers-emotion-classifier.js';

export const emotionBackends = ['trained', 'goemotions-linear', 'transformers'] as const;

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

/**
 * The default: the turn-level emotion model trained on reference-labels/train.jsonl (hashed n-grams of
 * the turn and the chatbot turn before it, with the goemotions-linear emotions of the turn stacked as
 * cues) decides each user turn's emotion; the GoEmotions classifier's sentence labels place it on the
 * turn's sentences (sentenceLabelsUnderTurnEmotions). Dialogues of the training data are annotated by the
 * fold model that did not see them. The 0.75 threshold does not apply (the model's own thresholds do).
 */
async function createTrainedEmotionAnnotator(options: Record<string, string>): Promise<DimensionAnnotator> {
  if (options['emotion.threshold'] !== undefined) {
    throw new RealsimError('CONFIG', `option emotion.threshold: applies to the goemotions-linear and transformers backends, not to "trained" (its thresholds are in its model); use --backend emotion=goemotions-linear with it`);
  }
  const path = trainedModelPathFor('emotion', options);
  const scorer = createTrainedTurnScorer(emotionTurnSpec, readTurnClassifier(path, 'emotion'));
  const decoded = readEmotionClassifier(options['emotion.classifier-file']);
  const classifier = createLinearEmotionClassifier(decoded);
  const modelHash = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 12);
  const crossValidation = scorer.loaded.artifact.quality.crossValidation;
  const version = `${scorer.loaded.artifact.backend.split(' ')[0]}[model ${modelHash}]+goemotions-linear@${decoded.fileDigest}`;
  let crossFitted = 0;
  // turn emotions of this annotate() call, read from the cache or scored once per dialogue before the sentences
  const turnEmotionsByDialogue = new Map<Dialogue, string[][]>();
  const annotator = createSentenceEmotionAnnotator({
    backend:
      `${version} (${scorer.loaded.artifact.backend.replace(/^\S+ \(/, '').replace(/\)$/, '')}; turn emotions placed on wink-nlp sentences by the GoEmotions classifier's labels; ` +
      `cross-validated turn micro-F1 ${crossValidation.microF1} macro-F1 ${crossValidation.macroF1}, majority baseline ${crossValidation.majorityBaseline.microF1} / ${crossValidation.majorityBaseline.macroF1})`,
    cacheNamespace: `emotion/${version}`,
    threshold: defaultEmotionThreshold,
    classifySentences: async (sentences) => sentences.map((sentence) => classifier.predict(sentence)),
    turnEmotionsOf(dialogue) {
      return turnEmotionsByDialogue.get(dialogue) ?? scorer.tagDialogue(dialogue).tags;
    },
    batchSize: 4096,
  });
  const distributionError = crossValidation.distributionTvd.turn_emotion;
  return {
    ...annotator,
    ...(distributionError === undefined
      ? {}
      : { distributionError: { [sentenceEmotionMeasureId]: { tvd: distributionError, source: `turn-level emotions cross-validated on ${crossValidation.turns} labelled turns (${crossValidation.folds} folds grouped by dialogue; the labels are per turn, not per sentence)` } } }),
    async annotate(dialogues, context) {
      crossFitted = 0;
      const namespace = trainedAnnotationCacheNamespace('emotion-turns', version);
      const fresh: Array<[string, { tags: string[][]; crossFitted: boolean }]> = [];
      for (const dialogue of dialogues) {
        const key = dialogueContentKey(dialogue);
        const cached = context.cache.get(namespace, key) as { tags?: unknown; crossFitted?: unknown } | undefined;
        let entry: { tags: string[][]; crossFitted: boolean };
        if (cached && Array.isArray(cached.tags) && typeof cached.crossFitted === 'boolean') entry = { tags: cached.tags as string[][], crossFitted: cached.crossFitted };
        else {
          const tagged = scorer.tagDialogue(dialogue);
          entry = { tags: tagged.tags, crossFitted: tagged.crossFitted };
          fresh.push([key, entry]);
        }
        if (entry.crossFitted) crossFitted += 1;
        turnEmotionsByDialogue.set(dialogue, entry.tags);
      }
      context.cache.setMany(namespace, fresh);
      const annotations = await annotator.annotate(dialogues, context).finally(() => turnEmotionsByDialogue.clear());
      if (crossFitted > 0) {
        context.progress.note(`emotion: ${crossFitted} of ${dialogues.length} dialogues are in the model's training data; each was annotated by the fold model that did not see it`);
      }
      return annotations;
    },
  };
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
    ...describeTrainedModel('emotion', {}, 'goemotions-linear backend (0.75 rule)'),
    `goemotions-linear: trained by scripts/train-emotion-classifier.ts, seed ${artifact.seed}, GoEmotions train.tsv sha256 ${artifact.data.train.sha256.slice(0, 12)}… (${artifact.data.train.rows} rows), temperature ${artifact.temperature}`,
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
      'The emotion each sentence of user text expresses (Ekman six + neutral). Default backend "trained": a turn-level ' +
      'model trained on labelled chat turns decides each user turn\'s emotion and the GoEmotions classifier places it on ' +
      `the turn's sentences. goemotions-linear: a prediction whose calibrated probability is under the threshold (default ` +
      `${defaultEmotionThreshold}, option emotion.threshold; the value used is in the backend string) counts as neutral.`,
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
    'emotion.classifier-file': 'goemotions-linear, trained: another GoEmotions classifier file of the same format',
    'emotion.model': 'trained: another trained turn-level emotion model file',
    'emotion.model-dir': 'transformers: a local ONNX text-classification model folder',
  },
  describeModels: describeEmotionModels,
  async createAnnotator(backend, options) {
    if (backend === 'trained') return createTrainedEmotionAnnotator(options);
    if (backend === 'goemotions-linear') return createGoEmotionsLinearAnnotator(options);
    if (backend === 'transformers') return createTransformersAnnotator(options);
    throw new RealsimError(
      'USAGE',
      `emotion backend: expected one of ${emotionBackends.join(', ')}, found ${quoteForMessage(backend)}`,
    );
  },
};
