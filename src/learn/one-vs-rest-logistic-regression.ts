import { createSeededRandom } from '../measure/seeded-random.js';
import type { SparseVector } from './feature-hashing.js';

/** One training example: a feature vector and, per tag, whether the tag applies (1) or not (0). */
export interface MultiLabelExample {
  features: SparseVector;
  targets: Uint8Array;
}

export interface LogisticTrainingSettings {
  /** Hash buckets (2^bits of the features). */
  bucketCount: number;
  epochs: number;
  /** AdaGrad base step size. */
  learningRate: number;
  /** L2 penalty per weight, applied when an example touches the weight. */
  l2Penalty: number;
  /** Loss weight of a positive example relative to a negative one is (negatives / positives)^positiveWeightPower. */
  positiveWeightPower: number;
  seed: number;
}

/** Weights of one binary logistic model per tag; feature-major: weights[bucket * tagCount + tag]. */
export interface OneVsRestWeights {
  tagCount: number;
  bucketCount: number;
  weights: Float64Array;
  bias: Float64Array;
}

/** Logits of every tag for one example. */
export function oneVsRestLogits(features: SparseVector, model: { tagCount: number; weights: ArrayLike<number>; bias: ArrayLike<number>; scales?: ArrayLike<number> }): Float64Array {
  const { tagCount } = model;
  const logits = new Float64Array(tagCount);
  for (let position = 0; position < features.indices.length; position += 1) {
    const offset = (features.indices[position] as number) * tagCount;
    const value = features.values[position] as number;
    for (let tag = 0; tag < tagCount; tag += 1) logits[tag] = (logits[tag] as number) + (model.weights[offset + tag] as number) * value;
  }
  for (let tag = 0; tag < tagCount; tag += 1) {
    const scale = model.scales ? (model.scales[tag] as number) : 1;
    logits[tag] = (logits[tag] as number) * scale + (model.bias[tag] as number);
  }
  return logits;
}

export function sigmoid(value: number): number {
  return value >= 0 ? 1 / (1 + Math.exp(-value)) : Math.exp(value) / (1 + Math.exp(value));
}

/** Per-tag loss weight of positive examples: (negatives / positives)^power, 1 for a tag without positives. */
export function positiveWeights(examples: readonly MultiLabelExample[], tagCount: number, power: number): Float64Array {
  const positives = new Float64Array(tagCount);
  for (const example of examples) for (let tag = 0; tag < tagCount; tag += 1) positives[tag] = (positives[tag] as number) + (example.targets[tag] as number);
  return positives.map((count) => (count === 0 || count === examples.length ? 1 : Math.pow((examples.length - count) / count, power)));
}

/**
 * One binary logistic regression per tag, trained together by per-example AdaGrad on weighted
 * cross-entropy. Deterministic: the only randomness is the per-epoch shuffle from a mulberry32 stream
 * seeded with `seed`, and the arithmetic is float64 in a fixed order, so the same examples and settings
 * give the same weights bit for bit.
 */
export function trainOneVsRestLogisticRegression(examples: readonly MultiLabelExample[], tagCount: number, settings: LogisticTrainingSettings): OneVsRestWeights {
  const { bucketCount, learningRate, l2Penalty } = settings;
  const weights = new Float64Array(bucketCount * tagCount);
  const squaredGradients = new Float64Array(bucketCount * tagCount);
  const bias = new Float64Array(tagCount);
  const biasSquaredGradients = new Float64Array(tagCount);
  const lossWeights = positiveWeights(examples, tagCount, settings.positiveWeightPower);
  const random = createSeededRandom(settings.seed);
  const gradient = new Float64Array(tagCount);
  const order = Array.from(examples.keys());
  const epsilon = 1e-8;
  for (let epoch = 0; epoch < settings.epochs; epoch += 1) {
    for (let index = order.length - 1; index > 0; index -= 1) {
      const swap = Math.floor(random() * (index + 1));
      const held = order[index] as number;
      order[index] = order[swap] as number;
      order[swap] = held;
    }
    for (const exampleIndex of order) {
      const example = examples[exampleIndex] as MultiLabelExample;
      const logits = oneVsRestLogits(example.features, { tagCount, weights, bias });
      for (let tag = 0; tag < tagCount; tag += 1) {
        const target = example.targets[tag] as number;
        gradient[tag] = (sigmoid(logits[tag] as number) - target) * (target === 1 ? (lossWeights[tag] as number) : 1);
      }
      const { indices, values } = example.features;
      for (let position = 0; position < indices.length; position += 1) {
        const offset = (indices[position] as number) * tagCount;
        const value = values[position] as number;
        for (let tag = 0; tag < tagCount; tag += 1) {
          const slot = offset + tag;
          const current = weights[slot] as number;
          const step = (gradient[tag] as number) * value + l2Penalty * current;
          const accumulated = (squaredGradients[slot] as number) + step * step;
          squaredGradients[slot] = accumulated;
          weights[slot] = current - (learningRate * step) / (Math.sqrt(accumulated) + epsilon);
        }
      }
      for (let tag = 0; tag < tagCount; tag += 1) {
        const step = gradient[tag] as number;
        const accumulated = (biasSquaredGradients[tag] as number) + step * step;
        biasSquaredGradients[tag] = accumulated;
        bias[tag] = (bias[tag] as number) - (learningRate * step) / (Math.sqrt(accumulated) + epsilon);
      }
    }
  }
  return { tagCount, bucketCount, weights, bias };
}
