import type { CategoricalSample, EmbeddingSample, NumericSample } from './measure-sample.js';

/**
 * Aggregates of a MeasureSample under multiplicity weights (a bootstrap resample or a half of a split);
 * null weights mean every dialogue once. Each runs in O(entries) with no allocation beyond `into`.
 */

/** Weighted mean of the non-null values; null when their total weight is 0. */
export function weightedSampleMean(sample: NumericSample, weights: Uint32Array | null): number | null {
  let total = 0;
  let weightTotal = 0;
  const { sortedValues, sortedOwners } = sample;
  for (let position = 0; position < sortedValues.length; position += 1) {
    const weight = weights === null ? 1 : (weights[sortedOwners[position] as number] as number);
    total += weight * (sortedValues[position] as number);
    weightTotal += weight;
  }
  return weightTotal === 0 ? null : total / weightTotal;
}

/** Weighted count per category, written into `into` (length = categories.length); returns the total. */
export function weightedCategoryCounts(sample: CategoricalSample, weights: Uint32Array | null, into: Float64Array): number {
  into.fill(0);
  let total = 0;
  const { offsets, categoryIndexes, counts } = sample;
  for (let dialogue = 0; dialogue < sample.size; dialogue += 1) {
    const weight = weights === null ? 1 : (weights[dialogue] as number);
    if (weight === 0) continue;
    const end = offsets[dialogue + 1] as number;
    for (let entry = offsets[dialogue] as number; entry < end; entry += 1) {
      const mass = weight * (counts[entry] as number);
      const category = categoryIndexes[entry] as number;
      into[category] = (into[category] as number) + mass;
      total += mass;
    }
  }
  return total;
}

/**
 * Weighted sum of all vectors written into `into` (length = vectorLength); returns the weighted number
 * of vectors. The centroid is into / returned count (its direction is that of the sum).
 */
export function weightedVectorSum(sample: EmbeddingSample, weights: Uint32Array | null, into: Float64Array): number {
  into.fill(0);
  let count = 0;
  const { vectorLength, vectorSums, vectorCounts } = sample;
  for (let dialogue = 0; dialogue < sample.size; dialogue += 1) {
    const weight = weights === null ? 1 : (weights[dialogue] as number);
    if (weight === 0 || vectorCounts[dialogue] === 0) continue;
    count += weight * (vectorCounts[dialogue] as number);
    const base = dialogue * vectorLength;
    for (let component = 0; component < vectorLength; component += 1) {
      into[component] = (into[component] as number) + weight * (vectorSums[base + component] as number);
    }
  }
  return count;
}
