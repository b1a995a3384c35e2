import type { SparseFeatureVector } from '../hashed-text-features.js';
import { createSeededRandom, shuffledOrder } from './seeded-random.js';

export interface TrainingExample {
  features: SparseFeatureVector;
  /** Index into the label order. */
  label: number;
}

export interface SoftmaxTrainingOptions {
  classCount: number;
  bucketCount: number;
  epochs: number;
  /** AdaGrad base step size. */
  learningRate: number;
  /** L2 penalty per weight, applied to the weights an example touches. */
  l2Penalty: number;
  /** Loss weight of each class (inverse-frequency weighting raises rare classes' recall). */
  classWeights: number[];
  seed: number;
}

export interface SoftmaxWeights {
  classCount: number;
  bucketCount: number;
  /** Feature-major: weights[bucket * classCount + classIndex]. */
  weights: Float64Array;
  bias: Float64Array;
}

/** Class scores (logits) of one example under a feature-major weight matrix. */
export function linearScores(
  features: SparseFeatureVector,
  weights: ArrayLike<number>,
  bias: ArrayLike<number>,
  classCount: number,
  weightScales?: ArrayLike<number>,
): Float64Array {
  const scores = new Float64Array(classCount);
  for (let position = 0; position < features.indices.length; position += 1) {
    const offset = (features.indices[position] as number) * classCount;
    const value = features.values[position] as number;
    for (let classIndex = 0; classIndex < classCount; classIndex += 1) {
      scores[classIndex] = (scores[classIndex] as number) + (weights[offset + classIndex] as number) * value;
    }
  }
  for (let classIndex = 0; classIndex < classCount; classIndex += 1) {
    const scale = weightScales ? (weightScales[classIndex] as number) : 1;
    scores[classIndex] = (scores[classIndex] as number) * scale + (bias[classIndex] as number);
  }
  return scores;
}

/** Softmax of scores / temperature, computed stably. */
export function softmax(scores: ArrayLike<number>, temperature = 1): Float64Array {
  let largest = -Infinity;
  for (let index = 0; index < scores.length; index += 1) largest = Math.max(largest, scores[index] as number);
  const probabilities = new Float64Array(scores.length);
  let total = 0;
  for (let index = 0; index < scores.length; index += 1) {
    const value = Math.exp(((scores[index] as number) - largest) / temperature);
    probabilities[index] = value;
    total += value;
  }
  for (let index = 0; index < scores.length; index += 1) probabilities[index] = (probabilities[index] as number) / total;
  return probabilities;
}

/**
 * Multinomial logistic regression trained by per-example AdaGrad on class-weighted cross-entropy.
 * Deterministic: the only randomness is the per-epoch shuffle, drawn from a mulberry32 stream seeded
 * with `seed`, and all arithmetic is float64 in a fixed order, so the same data and options give the
 * same weights bit for bit.
 */
export function trainSoftmaxRegression(examples: TrainingExample[], options: SoftmaxTrainingOptions): SoftmaxWeights {
  const { classCount, bucketCount, learningRate, l2Penalty, classWeights } = options;
  const weights = new Float64Array(bucketCount * classCount);
  const squaredGradients = new Float64Array(bucketCount * classCount);
  const bias = new Float64Array(classCount);
  const biasSquaredGradients = new Float64Array(classCount);
  const random = createSeededRandom(options.seed);
  const epsilon = 1e-8;
  const gradient = new Float64Array(classCount);

  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    const order = shuffledOrder(examples.length, random);
    for (const exampleIndex of order) {
      const example = examples[exampleIndex] as TrainingExample;
      const probabilities = softmax(linearScores(example.features, weights, bias, classCount));
      const exampleWeight = classWeights[example.label] ?? 1;
      for (let classIndex = 0; classIndex < classCount; classIndex += 1) {
        const target = classIndex === example.label ? 1 : 0;
        gradient[classIndex] = ((probabilities[classIndex] as number) - target) * exampleWeight;
      }
      const { indices, values } = example.features;
      for (let position = 0; position < indices.length; position += 1) {
        const offset = (indices[position] as number) * classCount;
        const value = values[position] as number;
        for (let classIndex = 0; classIndex < classCount; classIndex += 1) {
          const slot = offset + classIndex;
          const current = weights[slot] as number;
          const step = (gradient[classIndex] as number) * value + l2Penalty * current;
          const accumulated = (squaredGradients[slot] as number) + step * step;
          squaredGradients[slot] = accumulated;
          weights[slot] = current - (learningRate * step) / (Math.sqrt(accumulated) + epsilon);
        }
      }
      for (let classIndex = 0; classIndex < classCount; classIndex += 1) {
        const step = gradient[classIndex] as number;
        const accumulated = (biasSquaredGradients[classIndex] as number) + step * step;
        biasSquaredGradients[classIndex] = accumulated;
        bias[classIndex] = (bias[classIndex] as number) - (learningRate * step) / (Math.sqrt(accumulated) + epsilon);
      }
    }
  }
  return { classCount, bucketCount, weights, bias };
}
