import { hashedTextFeatures, hashedTextFeaturesVersion } from '../hashed-text-features.js';
import { emotionLabels, type EmotionLabel } from '../emotion-labels.js';
import {
  emotionClassifierArtifactFormat,
  type CalibrationMetrics,
  type EmotionClassifierArtifact,
  type SplitEvaluation,
  type SplitMetrics,
} from '../emotion-classifier-artifact.js';
import type { GoEmotionsRow } from './parse-emotion-training-tsv.js';
import { linearScores, softmax, trainSoftmaxRegression, type TrainingExample } from './softmax-regression-trainer.js';
import { fitTemperature } from './temperature-scaling.js';
import { classificationMetrics } from './classification-metrics.js';
import { lexiconEmotion } from './emotion-lexicon-baseline.js';

export type MultiClassRowPolicy = 'drop' | 'duplicate';
export type ClassWeighting = 'none' | 'inverse-frequency-sqrt';

export interface EmotionTrainingSettings {
  seed: number;
  bucketCount: number;
  epochs: number;
  learningRate: number;
  l2Penalty: number;
  classWeighting: ClassWeighting;
  /** drop: train only on rows whose labels map to one class; duplicate: one example per mapped class. */
  multiClassRows: MultiClassRowPolicy;
  /** GoEmotions names trained as neutral (see communicativeActGoEmotions); [] = the official mapping. */
  neutralisedGoEmotions: string[];
  /** Threshold the calibration check and the thresholded metrics use. */
  threshold: number;
}

export interface EmotionTrainingInput {
  train: GoEmotionsRow[];
  dev: GoEmotionsRow[];
  test: GoEmotionsRow[];
  /** File name and sha256 of each split, recorded in the artifact. */
  files: Record<'train' | 'dev' | 'test', { file: string; sha256: string }>;
  settings: EmotionTrainingSettings;
  trainingScript: string;
  retrainCommand: string;
}

const roundTo = (value: number, digits: number) => Number(value.toFixed(digits));

type ClassesKey = 'officialClasses' | 'trainingClasses';

function singleClassRows(rows: GoEmotionsRow[], key: ClassesKey): Array<{ text: string; label: number }> {
  return rows
    .filter((row) => row[key].length === 1)
    .map((row) => ({ text: row.text, label: emotionLabels.indexOf(row[key][0] as EmotionLabel) }));
}

function trainingRows(rows: GoEmotionsRow[], policy: MultiClassRowPolicy): Array<{ text: string; label: number }> {
  if (policy === 'drop') return singleClassRows(rows, 'trainingClasses');
  return rows.flatMap((row) => row.trainingClasses.map((label) => ({ text: row.text, label: emotionLabels.indexOf(label) })));
}

export function classWeightsFor(labels: number[], classCount: number, weighting: ClassWeighting): number[] {
  if (weighting === 'none') return new Array<number>(classCount).fill(1);
  const counts = new Array<number>(classCount).fill(0);
  for (const label of labels) counts[label] = (counts[label] as number) + 1;
  const raw = counts.map((count) => (count === 0 ? 0 : Math.sqrt(labels.length / (classCount * count))));
  // rescale so the mean weight per training example is 1 (keeps the learning rate meaningful)
  const meanPerExample = labels.reduce((total, label) => total + (raw[label] as number), 0) / Math.max(1, labels.length);
  return raw.map((weight) => roundTo(weight / meanPerExample, 6));
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let index = 1; index < values.length; index += 1) if ((values[index] as number) > (values[best] as number)) best = index;
  return best;
}

/** Per-class symmetric int8 quantisation: scale = max |w| / 127. */
export function quantizeWeights(weights: Float64Array, classCount: number): { quantized: Int8Array; scales: number[] } {
  const scales = new Array<number>(classCount).fill(0);
  for (let slot = 0; slot < weights.length; slot += 1) {
    const classIndex = slot % classCount;
    scales[classIndex] = Math.max(scales[classIndex] as number, Math.abs(weights[slot] as number));
  }
  const roundedScales = scales.map((largest) => (largest === 0 ? 1 : Number((largest / 127).toPrecision(8))));
  const quantized = new Int8Array(weights.length);
  for (let slot = 0; slot < weights.length; slot += 1) {
    const value = Math.round((weights[slot] as number) / (roundedScales[slot % classCount] as number));
    quantized[slot] = Math.max(-127, Math.min(127, value));
  }
  return { quantized, scales: roundedScales };
}

function expectedCalibrationError(confidences: number[], correct: boolean[]): number {
  const binCount = 10;
  const binTotals = new Array<number>(binCount).fill(0);
  const binConfidence = new Array<number>(binCount).fill(0);
  const binCorrect = new Array<number>(binCount).fill(0);
  confidences.forEach((confidence, row) => {
    const bin = Math.min(binCount - 1, Math.floor(confidence * binCount));
    binTotals[bin] = (binTotals[bin] as number) + 1;
    binConfidence[bin] = (binConfidence[bin] as number) + confidence;
    if (correct[row]) binCorrect[bin] = (binCorrect[bin] as number) + 1;
  });
  let error = 0;
  for (let bin = 0; bin < binCount; bin += 1) {
    const total = binTotals[bin] as number;
    if (total === 0) continue;
    error += (total / confidences.length) * Math.abs((binCorrect[bin] as number) / total - (binConfidence[bin] as number) / total);
  }
  return error;
}

/**
 * The whole recipe behind dimensions/emotion/model/emotion-classifier.json: train on GoEmotions train,
 * quantise to int8, fit the temperature on dev, score on test (single-class rows) against a
 * majority-class and a lexicon baseline, and check the calibration at the threshold. Pure and
 * deterministic: the same rows and settings give the same artifact, byte for byte once serialised.
 */
function roundedMetrics(metrics: ReturnType<typeof classificationMetrics>, withPerClass: boolean): SplitMetrics {
  return {
    rows: metrics.rows,
    accuracy: roundTo(metrics.accuracy, 4),
    macroF1: roundTo(metrics.macroF1, 4),
    ...(withPerClass
      ? { perClassF1: Object.fromEntries(Object.entries(metrics.perClassF1).map(([label, f1]) => [label, roundTo(f1, 4)])) }
      : {}),
  };
}

interface ScoredRows {
  gold: number[];
  texts: string[];
  scores: Float64Array[];
}

/** Classifier, thresholded classifier, both baselines and the calibration check on one labelled split. */
function evaluateSplit(
  scored: ScoredRows,
  mapping: string,
  temperature: number,
  threshold: number,
  majorityIndex: number,
): SplitEvaluation {
  const labels = [...emotionLabels];
  const neutralIndex = emotionLabels.indexOf('neutral');
  const { gold } = scored;
  const uncalibrated = scored.scores.map((scores) => softmax(scores, 1));
  const calibrated = scored.scores.map((scores) => softmax(scores, temperature));
  const predicted = calibrated.map(argmax);
  const confidences = calibrated.map((probabilities, row) => probabilities[predicted[row] as number] as number);
  const thresholded = predicted.map((label, row) => ((confidences[row] as number) >= threshold ? label : neutralIndex));
  const confidentRows = predicted.map((_, row) => row).filter((row) => (confidences[row] as number) >= threshold);
  const confidentEmotionRows = confidentRows.filter((row) => predicted[row] !== neutralIndex);
  const accuracyOf = (rows: number[]) =>
    rows.length === 0 ? 0 : rows.filter((row) => predicted[row] === gold[row]).length / rows.length;
  const calibration: CalibrationMetrics = {
    threshold,
    confidentShare: roundTo(confidentRows.length / Math.max(1, gold.length), 4),
    confidentAccuracy: roundTo(accuracyOf(confidentRows), 4),
    confidentEmotionShare: roundTo(confidentEmotionRows.length / Math.max(1, gold.length), 4),
    confidentEmotionAccuracy: roundTo(accuracyOf(confidentEmotionRows), 4),
    expectedCalibrationErrorBefore: roundTo(
      expectedCalibrationError(
        uncalibrated.map((probabilities) => Math.max(...probabilities)),
        uncalibrated.map((probabilities, row) => argmax(probabilities) === gold[row]),
      ),
      4,
    ),
    expectedCalibrationErrorAfter: roundTo(
      expectedCalibrationError(
        confidences,
        predicted.map((label, row) => label === gold[row]),
      ),
      4,
    ),
  };
  return {
    mapping,
    classifier: roundedMetrics(classificationMetrics(gold, predicted, labels), true),
    classifierWithThreshold: roundedMetrics(classificationMetrics(gold, thresholded, labels), false),
    majorityBaseline: {
      ...roundedMetrics(
        classificationMetrics(
          gold,
          gold.map(() => majorityIndex),
          labels,
        ),
        false,
      ),
      majorityClass: labels[majorityIndex] as string,
    },
    lexiconBaseline: roundedMetrics(
      classificationMetrics(
        gold,
        scored.texts.map((text) => emotionLabels.indexOf(lexiconEmotion(text))),
        labels,
      ),
      false,
    ),
    calibration,
  };
}

/**
 * The whole recipe behind dimensions/emotion/model/emotion-classifier.json: train on GoEmotions train,
 * quantise to int8, fit the temperature on dev, score on test (single-class rows, under the training
 * mapping and under the official Ekman mapping) against a majority-class and a lexicon baseline, and
 * check the calibration at the threshold. Pure and deterministic: the same rows and settings give the
 * same artifact, byte for byte once serialised.
 */
export function trainEmotionClassifierArtifact(input: EmotionTrainingInput): EmotionClassifierArtifact {
  const { settings } = input;
  const classCount = emotionLabels.length;
  const rowsForTraining = trainingRows(input.train, settings.multiClassRows);
  const examples: TrainingExample[] = rowsForTraining.map((row) => ({
    features: hashedTextFeatures(row.text, settings.bucketCount),
    label: row.label,
  }));
  const classWeights = classWeightsFor(
    examples.map((example) => example.label),
    classCount,
    settings.classWeighting,
  );
  const trained = trainSoftmaxRegression(examples, {
    classCount,
    bucketCount: settings.bucketCount,
    epochs: settings.epochs,
    learningRate: settings.learningRate,
    l2Penalty: settings.l2Penalty,
    classWeights,
    seed: settings.seed,
  });
  const { quantized, scales } = quantizeWeights(trained.weights, classCount);
  const bias = Array.from(trained.bias, (value) => Number(value.toPrecision(8)));
  const scoreRows = (rows: Array<{ text: string; label: number }>): ScoredRows => ({
    gold: rows.map((row) => row.label),
    texts: rows.map((row) => row.text),
    scores: rows.map((row) =>
      linearScores(hashedTextFeatures(row.text, settings.bucketCount), quantized, bias, classCount, scales),
    ),
  });

  const dev = scoreRows(singleClassRows(input.dev, 'trainingClasses'));
  const temperature = Number(fitTemperature(dev.scores, dev.gold).toPrecision(6));

  const trainLabelCounts = new Array<number>(classCount).fill(0);
  for (const example of examples) trainLabelCounts[example.label] = (trainLabelCounts[example.label] as number) + 1;
  const majorityIndex = argmax(trainLabelCounts);
  const neutralised = settings.neutralisedGoEmotions;
  const trainingMapping =
    neutralised.length === 0
      ? 'ekman_mapping.json (official)'
      : `ekman_mapping.json with ${neutralised.join(', ')} mapped to neutral (the classes this classifier is trained to predict)`;
  const testTraining = singleClassRows(input.test, 'trainingClasses');
  const testOfficial = singleClassRows(input.test, 'officialClasses');

  return {
    format: emotionClassifierArtifactFormat,
    trainingScript: input.trainingScript,
    retrainCommand: input.retrainCommand,
    seed: settings.seed,
    featureVersion: hashedTextFeaturesVersion,
    labels: [...emotionLabels],
    hyperParameters: {
      bucketCount: settings.bucketCount,
      epochs: settings.epochs,
      learningRate: settings.learningRate,
      l2Penalty: settings.l2Penalty,
      classWeighting: settings.classWeighting,
      classWeights,
      multiClassRows: settings.multiClassRows,
      neutralisedGoEmotions: [...neutralised],
      weightQuantization: 'int8, symmetric, one scale per class',
    },
    data: {
      train: { ...input.files.train, rows: input.train.length, rowsUsed: examples.length },
      dev: { ...input.files.dev, rows: input.dev.length, rowsUsed: dev.gold.length },
      test: { ...input.files.test, rows: input.test.length, rowsUsed: testTraining.length },
    },
    temperature,
    metrics: {
      dev: roundedMetrics(classificationMetrics(dev.gold, dev.scores.map(argmax), [...emotionLabels]), false),
      test: evaluateSplit(scoreRows(testTraining), trainingMapping, temperature, settings.threshold, majorityIndex),
      testOfficialMapping: evaluateSplit(
        scoreRows(testOfficial),
        'ekman_mapping.json (official)',
        temperature,
        settings.threshold,
        majorityIndex,
      ),
    },
    bias,
    weightScales: scales,
    weightsBase64: Buffer.from(quantized.buffer, quantized.byteOffset, quantized.byteLength).toString('base64'),
  };
}
