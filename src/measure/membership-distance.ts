import { RealsimError } from '../core/realsim-error.js';
import { cosineSimilarity } from './cosine-similarity.js';
import type { MeasureSample } from './measure-sample.js';
import type { MembershipStatistic } from './permutation-p-value.js';
import { totalVariationDistanceOfCounts } from './total-variation-distance.js';

/**
 * The distance of createSampleDistance between two groups of ONE pooled sample, given as 0/1 membership
 * weights over its dialogues (a permutation of real/simulated labels). Same values as
 * createSampleDistance(pooled, pooled)(membershipA, membershipB), but each call is a single pass over
 * the pooled data (both groups accumulated together), which makes a permutation test about as cheap as
 * one bootstrap resample:
 * - numeric: Wasserstein-1 of the two groups' values (one merge over the pooled sorted values);
 * - categorical: TVD of the two groups' category counts, in [0, 1];
 * - embedding: cosine similarity of the two groups' vector sums.
 * Returns null when a group has no data.
 */
export function createMembershipDistance(pooled: MeasureSample): MembershipStatistic {
  if (pooled.scale === 'numeric') {
    const { sortedValues, sortedOwners } = pooled;
    return (membershipA, membershipB) => {
      let totalA = 0;
      let totalB = 0;
      for (let position = 0; position < sortedOwners.length; position += 1) {
        const owner = sortedOwners[position] as number;
        totalA += membershipA[owner] as number;
        totalB += membershipB[owner] as number;
      }
      if (totalA === 0 || totalB === 0) return null;
      let cumulativeA = 0;
      let cumulativeB = 0;
      let integral = 0;
      let previous = 0;
      for (let position = 0; position < sortedValues.length; position += 1) {
        const value = sortedValues[position] as number;
        // CDF difference (scaled by totalA·totalB) on the gap between the previous value and this one.
        if (position > 0) integral += Math.abs(cumulativeA * totalB - cumulativeB * totalA) * (value - previous);
        previous = value;
        const owner = sortedOwners[position] as number;
        cumulativeA += membershipA[owner] as number;
        cumulativeB += membershipB[owner] as number;
      }
      return integral / (totalA * totalB);
    };
  }
  if (pooled.scale === 'categorical') {
    const countsA = new Float64Array(pooled.categories.length);
    const countsB = new Float64Array(pooled.categories.length);
    const { offsets, categoryIndexes, counts } = pooled;
    return (membershipA, membershipB) => {
      countsA.fill(0);
      countsB.fill(0);
      for (let dialogue = 0; dialogue < pooled.size; dialogue += 1) {
        const into = membershipA[dialogue] === 1 ? countsA : membershipB[dialogue] === 1 ? countsB : null;
        if (into === null) continue;
        const end = offsets[dialogue + 1] as number;
        for (let entry = offsets[dialogue] as number; entry < end; entry += 1) {
          const category = categoryIndexes[entry] as number;
          into[category] = (into[category] as number) + (counts[entry] as number);
        }
      }
      return totalVariationDistanceOfCounts(countsA, countsB);
    };
  }
  if (pooled.scale === 'embedding') {
    const { vectorLength, vectorSums, vectorCounts } = pooled;
    const sumA = new Float64Array(vectorLength);
    const sumB = new Float64Array(vectorLength);
    return (membershipA, membershipB) => {
      sumA.fill(0);
      sumB.fill(0);
      let countA = 0;
      let countB = 0;
      for (let dialogue = 0; dialogue < pooled.size; dialogue += 1) {
        if (vectorCounts[dialogue] === 0) continue;
        const inA = membershipA[dialogue] === 1;
        if (!inA && membershipB[dialogue] !== 1) continue;
        const into = inA ? sumA : sumB;
        if (inA) countA += vectorCounts[dialogue] as number;
        else countB += vectorCounts[dialogue] as number;
        const base = dialogue * vectorLength;
        for (let component = 0; component < vectorLength; component += 1) {
          into[component] = (into[component] as number) + (vectorSums[base + component] as number);
        }
      }
      if (countA === 0 || countB === 0) return null;
      return cosineSimilarity(sumA, sumB);
    };
  }
  throw new RealsimError('INTERNAL', 'createMembershipDistance: expected a numeric, categorical or embedding sample');
}
