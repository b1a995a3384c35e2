import type { SparseVector } from './feature-hashing.js';
import { sigmoid } from './one-vs-rest-logistic-regression.js';

/**
 * The stored form of a trained turn classifier: the buckets any of its models uses (one shared
 * vocabulary), and per model int8 weights over that vocabulary with one scale per output (symmetric:
 * scale = max |w| / 127), a float bias and a threshold per output. Quantising costs nothing measurable
 * in F1 here, and every quality figure in an artifact is measured with the quantised models.
 */
export interface CompactLinearModel {
  /** int8 weights, row-major: weights[row * outputCount + output]. */
  weights: Int8Array;
  scales: Float64Array;
  bias: Float64Array;
  thresholds: Float64Array;
}

export interface CompactTurnClassifier {
  bits: number;
  outputCount: number;
  /** Sorted bucket indices; row r of every model's weights belongs to vocabulary[r]. */
  vocabulary: Int32Array;
  models: CompactLinearModel[];
}

/** Rounds to 6 significant decimals, so the stored floats (and the JSON text) are the same on every run. */
function round6(value: number): number {
  return Number(value.toPrecision(6));
}

/** Quantises a float model (weights feature-major over 2^bits buckets) onto the shared vocabulary. */
export function quantizeLinearModel(
  model: { weights: ArrayLike<number>; bias: ArrayLike<number>; thresholds: ArrayLike<number> },
  outputCount: number,
  vocabulary: Int32Array,
): CompactLinearModel {
  const scales = new Float64Array(outputCount);
  for (const bucket of vocabulary) {
    for (let output = 0; output < outputCount; output += 1) {
      scales[output] = Math.max(scales[output] as number, Math.abs(model.weights[bucket * outputCount + output] as number));
    }
  }
  for (let output = 0; output < outputCount; output += 1) scales[output] = round6((scales[output] as number) / 127 || 1e-9);
  const weights = new Int8Array(vocabulary.length * outputCount);
  vocabulary.forEach((bucket, row) => {
    for (let output = 0; output < outputCount; output += 1) {
      weights[row * outputCount + output] = Math.max(-127, Math.min(127, Math.round((model.weights[bucket * outputCount + output] as number) / (scales[output] as number))));
    }
  });
  return { weights, scales, bias: Float64Array.from(model.bias, round6), thresholds: Float64Array.from(model.thresholds) };
}

/** Row of every bucket in the vocabulary (−1 for buckets no model uses), for inference. */
export function rowLookup(classifier: CompactTurnClassifier): Int32Array {
  const rows = new Int32Array(2 ** classifier.bits).fill(-1);
  classifier.vocabulary.forEach((bucket, row) => {
    rows[bucket] = row;
  });
  return rows;
}

/** Output probabilities of one model for one feature vector. */
export function compactProbabilities(classifier: CompactTurnClassifier, rows: Int32Array, model: CompactLinearModel, features: SparseVector): Float64Array {
  const { outputCount } = classifier;
  const sums = new Float64Array(outputCount);
  for (let position = 0; position < features.indices.length; position += 1) {
    const row = rows[features.indices[position] as number] as number;
    if (row < 0) continue;
    const value = features.values[position] as number;
    const offset = row * outputCount;
    for (let output = 0; output < outputCount; output += 1) sums[output] = (sums[output] as number) + (model.weights[offset + output] as number) * value;
  }
  for (let output = 0; output < outputCount; output += 1) {
    sums[output] = sigmoid((sums[output] as number) * (model.scales[output] as number) + (model.bias[output] as number));
  }
  return sums;
}

/**
 * Every model's int8 weights interleaved by row ([row][model][output]), so the mean of the models reads one
 * contiguous block per feature instead of one block in each model's array.
 */
export function interleavedWeights(classifier: CompactTurnClassifier): Int8Array {
  const { outputCount, models, vocabulary } = classifier;
  const stride = outputCount * models.length;
  const interleaved = new Int8Array(vocabulary.length * stride);
  for (let row = 0; row < vocabulary.length; row += 1) {
    models.forEach((model, modelIndex) => {
      interleaved.set(model.weights.subarray(row * outputCount, (row + 1) * outputCount), row * stride + modelIndex * outputCount);
    });
  }
  return interleaved;
}

/** The mean of the models' probabilities and of their thresholds (for turns none of the models saw). */
export function ensembleProbabilities(
  classifier: CompactTurnClassifier,
  rows: Int32Array,
  features: SparseVector,
  interleaved: Int8Array = interleavedWeights(classifier),
): { probabilities: Float64Array; thresholds: Float64Array } {
  const { outputCount, models } = classifier;
  const stride = outputCount * models.length;
  const probabilities = new Float64Array(outputCount);
  const thresholds = new Float64Array(outputCount);
  const sums = new Float64Array(stride);
  for (let position = 0; position < features.indices.length; position += 1) {
    const row = rows[features.indices[position] as number] as number;
    if (row < 0) continue;
    const value = features.values[position] as number;
    const offset = row * stride;
    for (let slot = 0; slot < stride; slot += 1) sums[slot] = (sums[slot] as number) + (interleaved[offset + slot] as number) * value;
  }
  models.forEach((model, modelIndex) => {
    for (let output = 0; output < outputCount; output += 1) {
      const probability = sigmoid((sums[modelIndex * outputCount + output] as number) * (model.scales[output] as number) + (model.bias[output] as number));
      probabilities[output] = (probabilities[output] as number) + probability / models.length;
      thresholds[output] = (thresholds[output] as number) + (model.thresholds[output] as number) / models.length;
    }
  });
  return { probabilities, thresholds };
}

/** The union of sorted bucket lists, sorted. */
export function unionVocabulary(lists: readonly Int32Array[]): Int32Array {
  const all = new Set<number>();
  for (const list of lists) for (const bucket of list) all.add(bucket);
  return Int32Array.from(all).sort();
}

/** Sorted bucket list → base64 of its gaps as unsigned LEB128 varints (a compact, exact encoding). */
export function encodeVocabulary(vocabulary: Int32Array): string {
  const bytes: number[] = [];
  let previous = 0;
  for (const bucket of vocabulary) {
    let gap = bucket - previous;
    previous = bucket;
    do {
      const low = gap & 0x7f;
      gap >>>= 7;
      bytes.push(gap > 0 ? low | 0x80 : low);
    } while (gap > 0);
  }
  return Buffer.from(bytes).toString('base64');
}

export function decodeVocabulary(encoded: string): Int32Array {
  const bytes = Buffer.from(encoded, 'base64');
  const buckets: number[] = [];
  let previous = 0;
  let gap = 0;
  let shift = 0;
  for (const byte of bytes) {
    gap |= (byte & 0x7f) << shift;
    if (byte & 0x80) shift += 7;
    else {
      previous += gap;
      buckets.push(previous);
      gap = 0;
      shift = 0;
    }
  }
  return Int32Array.from(buckets);
}
