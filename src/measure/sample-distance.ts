import { RealsimError } from '../core/realsim-error.js';
import { weightedCategoryCounts, weightedVectorSum } from './aggregate-sample.js';
import { cosineSimilarity } from './cosine-similarity.js';
import type { MeasureSample, NumericSample } from './measure-sample.js';
import { totalVariationDistanceOfCounts } from './total-variation-distance.js';
import { wassersteinDistanceOfSorted } from './wasserstein-distance.js';

/** Distance between two weighted samples of one measure; null weights = every dialogue once. */
export type SampleDistance = (weightsA: Uint32Array | null, weightsB: Uint32Array | null) => number | null;

/**
 * The raw distance of a measure's scale between sample A and sample B (which may be the same sample,
 * as for the noise floor), with scratch buffers owned by the returned function:
 * - numeric: Wasserstein-1 between the per-dialogue values (unit of the measure);
 * - categorical: total variation distance between the category distributions, in [0, 1];
 * - embedding: cosine similarity of the two centroids (mean vectors), in [−1, 1] — a similarity.
 * Returns null when either side has no data under the given weights.
 */
export function createSampleDistance(a: MeasureSample, b: MeasureSample): SampleDistance {
  if (a.scale === 'numeric' && b.scale === 'numeric') {
    const scratchA = new Float64Array(a.sortedValues.length);
    const scratchB = new Float64Array(b.sortedValues.length);
    return (weightsA, weightsB) =>
      wassersteinDistanceOfSorted(
        a.sortedValues,
        sortedWeights(a, weightsA, scratchA),
        b.sortedValues,
        sortedWeights(b, weightsB, scratchB),
      );
  }
  if (a.scale === 'categorical' && b.scale === 'categorical') {
    const countsA = new Float64Array(a.categories.length);
    const countsB = new Float64Array(b.categories.length);
    return (weightsA, weightsB) => {
      weightedCategoryCounts(a, weightsA, countsA);
      weightedCategoryCounts(b, weightsB, countsB);
      return totalVariationDistanceOfCounts(countsA, countsB);
    };
  }
  if (a.scale === 'embedding' && b.scale === 'embedding') {
    const sumA = new Float64Array(a.vectorLength);
    const sumB = new Float64Array(b.vectorLength);
    return (weightsA, weightsB) => {
      if (a.vectorLength !== b.vectorLength) return null;
      const countA = weightedVectorSum(a, weightsA, sumA);
      const countB = weightedVectorSum(b, weightsB, sumB);
      if (countA === 0 || countB === 0) return null;
      // The cosine of the sums equals the cosine of the means (positive scaling).
      return cosineSimilarity(sumA, sumB);
    };
  }
  throw new RealsimError('INTERNAL', `createSampleDistance: expected samples of one scale, found ${a.scale} and ${b.scale}`);
}

function sortedWeights(sample: NumericSample, weights: Uint32Array | null, into: Float64Array): Float64Array | null {
  if (weights === null) return null;
  const owners = sample.sortedOwners;
  for (let position = 0; position < owners.length; position += 1) into[position] = weights[owners[position] as number] as number;
  return into;
}
