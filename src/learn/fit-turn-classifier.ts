import { createHash } from 'node:crypto';
import type { SparseVector } from './feature-hashing.js';
import { choosePrevalenceMatchingThreshold } from './choose-thresholds.js';
import type { LabelledDialogue } from './labelled-dialogues.js';
import { oneVsRestLogits, sigmoid, trainOneVsRestLogisticRegression, type LogisticTrainingSettings } from './one-vs-rest-logistic-regression.js';
import { turnContextsOf, type TurnContext } from './turn-context.js';
import { turnFeatures, type TurnFeatureSettings } from './turn-features.js';
import { ruleCuesOf, type TurnLabelSpec } from './turn-label-spec.js';

/** One labelled user turn, ready for training and scoring. */
export interface TurnExample {
  features: SparseVector;
  targets: Uint8Array;
  gold: readonly string[];
  context: TurnContext;
  /** Index of its dialogue in the labelled list. */
  dialogueIndex: number;
  group: string;
  domain: string;
}

export interface TurnClassifierSettings {
  features: TurnFeatureSettings;
  training: Omit<LogisticTrainingSettings, 'bucketCount'>;
  /** Folds of the inner cross-validation that picks each output's threshold. */
  thresholdFolds: number;
  /** A bucket is a feature only when at least this many training turns have it (rarer ones are dropped). */
  minimumDocumentFrequency: number;
}

/** A linear model per output with its decision threshold; weights feature-major as in OneVsRestWeights. */
export interface TurnClassifierModel {
  outputCount: number;
  weights: ArrayLike<number>;
  bias: ArrayLike<number>;
  /** Per-output multipliers of the stored weights (int8 models), or undefined for plain weights. */
  scales?: ArrayLike<number>;
  thresholds: ArrayLike<number>;
}

/** Labelled turns of the dimension (the turns the spec learns from), with their features. */
export function buildTurnExamples(labelled: readonly LabelledDialogue[], spec: TurnLabelSpec, settings: TurnFeatureSettings): TurnExample[] {
  const examples: TurnExample[] = [];
  labelled.forEach((entry, dialogueIndex) => {
    const contexts = turnContextsOf(entry.dialogue, ruleCuesOf(spec, entry.dialogue));
    for (const context of contexts) {
      const label = entry.labels.get(context.turn);
      const gold = label ? spec.goldTags(label) : undefined;
      if (gold === undefined || !spec.isLearned(context)) continue;
      examples.push({ features: turnFeatures(context, settings), targets: spec.targets(gold), gold, context, dialogueIndex, group: entry.group, domain: entry.domain });
    }
  });
  return examples;
}

/**
 * Fold of every group: groups sorted by sha256(seed, group), then dealt round-robin, so folds are
 * balanced in groups and the split depends only on the group names and the seed.
 */
export function assignFolds(groups: Iterable<string>, foldCount: number, seed: number): Map<string, number> {
  const distinct = [...new Set(groups)];
  const keyed = distinct.map((group) => ({ group, key: createHash('sha256').update(`${seed}\u0000${group}`).digest('hex') }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return new Map(keyed.map((entry, index) => [entry.group, index % foldCount]));
}

export function outputProbabilities(model: Pick<TurnClassifierModel, 'outputCount' | 'weights' | 'bias' | 'scales'>, features: SparseVector): Float64Array {
  const logits = oneVsRestLogits(features, { tagCount: model.outputCount, weights: model.weights, bias: model.bias, ...(model.scales ? { scales: model.scales } : {}) });
  return logits.map(sigmoid);
}

/** Tags of one turn under a model (fixed tags for turns the model does not decide). */
export function predictTurnTags(model: TurnClassifierModel, spec: TurnLabelSpec, context: TurnContext, features: SparseVector): string[] {
  if (!spec.isLearned(context)) return [...spec.fixedTags(context)];
  return spec.decode(outputProbabilities(model, features), model.thresholds, context);
}

function trainWeights(examples: readonly TurnExample[], outputCount: number, settings: TurnClassifierSettings) {
  return trainOneVsRestLogisticRegression(examples, outputCount, { ...settings.training, bucketCount: 2 ** settings.features.bits });
}

/** The buckets at least `minimum` examples have, in increasing order. */
export function frequentBuckets(examples: readonly { features: SparseVector }[], minimum: number): Int32Array {
  const counts = new Map<number, number>();
  for (const example of examples) for (const bucket of example.features.indices) counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  return Int32Array.from([...counts].filter(([, count]) => count >= minimum).map(([bucket]) => bucket)).sort();
}

/** The examples with only the features in `vocabulary` (a sorted bucket list). */
function restrictToVocabulary(examples: readonly TurnExample[], vocabulary: Int32Array): TurnExample[] {
  const kept = new Set(vocabulary);
  return examples.map((example) => {
    const positions: number[] = [];
    example.features.indices.forEach((bucket, position) => {
      if (kept.has(bucket)) positions.push(position);
    });
    return {
      ...example,
      features: { indices: Int32Array.from(positions, (position) => example.features.indices[position] as number), values: Float32Array.from(positions, (position) => example.features.values[position] as number) },
    };
  });
}

/**
 * Keeps the buckets at least settings.minimumDocumentFrequency examples have, trains the weights on every
 * example and picks each output's threshold on out-of-fold probabilities of
 * an inner cross-validation (grouped like the outer one), so no threshold is fitted to predictions on
 * training examples.
 */
export function fitTurnClassifier(
  allFeatures: readonly TurnExample[],
  spec: TurnLabelSpec,
  settings: TurnClassifierSettings,
): TurnClassifierModel & { weights: Float64Array; bias: Float64Array; vocabulary: Int32Array } {
  const outputCount = spec.outputs.length;
  const vocabulary = frequentBuckets(allFeatures, settings.minimumDocumentFrequency);
  const examples = restrictToVocabulary(allFeatures, vocabulary);
  const folds = assignFolds(examples.map((example) => example.group), settings.thresholdFolds, settings.training.seed + 1);
  const heldOut: Array<ArrayLike<number>> = examples.map(() => new Float64Array(outputCount));
  for (let fold = 0; fold < settings.thresholdFolds; fold += 1) {
    const training = examples.filter((example) => folds.get(example.group) !== fold);
    const weights = trainWeights(training, outputCount, settings);
    examples.forEach((example, index) => {
      if (folds.get(example.group) === fold) heldOut[index] = outputProbabilities({ outputCount, weights: weights.weights, bias: weights.bias }, example.features);
    });
  }
  const thresholds = Float64Array.from(spec.outputs, (_, output) =>
    choosePrevalenceMatchingThreshold(
      heldOut.map((probabilities) => probabilities[output] as number),
      examples.map((example) => example.targets[output] as number),
    ),
  );
  const weights = trainWeights(examples, outputCount, settings);
  return { outputCount, weights: weights.weights, bias: weights.bias, thresholds, vocabulary };
}
