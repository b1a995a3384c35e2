import { RealsimError } from '../core/realsim-error.js';
import { addPatternCounts, atomScratch, sampleInArena, vectorsInArena } from './aggregate-sample.js';
import { cosineSimilarity } from './cosine-similarity.js';
import type { KernelArena } from './kernels/resampling-kernels.js';
import type { MeasureSample } from './measure-sample.js';
import type { MembershipStatistic } from './permutation-p-value.js';
import { totalVariationDistanceOfCounts } from './total-variation-distance.js';
import { wassersteinDistanceOnSupport } from './wasserstein-distance.js';

/**
 * The distance of createSampleDistance between two groups of ONE pooled sample: group A is the units
 * flagged in inA, group B every other unit (a permutation of real/simulated labels). Same values as
 * createSampleDistance(pooled, pooled) with inA as A's weights and its complement as B's, but each call
 * is one sequential pass that adds up group A per atom (distinct value, tag pattern); group B is the
 * pooled atom counts minus A's, so a permutation costs about half a bootstrap resample:
 * - numeric: Wasserstein-1 of the two groups' values (one pass over the pooled distinct values);
 * - categorical: TVD of the two groups' category counts, in [0, 1];
 * - embedding: cosine similarity of the two groups' vector sums.
 * Returns null when a group has no data.
 *
 * With an arena, the per-unit arrays are copied into it and flags that live in the same arena
 * (permutationPValues with that arena) are added up by its WebAssembly kernels; the values are the same.
 */
export function createMembershipDistance(pooled: MeasureSample, arena?: KernelArena): MembershipStatistic {
  if (pooled.scale === 'numeric' && arena !== undefined) {
    const atoms = pooled.distinctValues.length;
    const gaps = arena.float64Array(Math.max(0, atoms - 1));
    for (let atom = 0; atom < gaps.length; atom += 1) gaps[atom] = (pooled.distinctValues[atom + 1] as number) - (pooled.distinctValues[atom] as number);
    const distinctValueCounts = arena.copyOf(pooled.distinctValueCounts);
    const distinctValueOf = arena.copyOf(pooled.distinctValueOf);
    const weightsA = arena.float64Array(atoms + 1);
    return (inA) => {
      let totalA: number;
      if (arena.holds(inA)) totalA = arena.sumFlagsByAtomWithTotal(distinctValueOf, inA, weightsA);
      else {
        sumFlagsByAtom(distinctValueOf, inA, weightsA);
        totalA = 0;
        for (let atom = 0; atom < atoms; atom += 1) totalA += weightsA[atom] as number;
      }
      // Integer sums: group B's total is exactly the contributing dialogues minus group A's, and its weight
      // per atom the pooled count minus A's (taken inside the W1 pass).
      return arena.wassersteinOfComplement(gaps, weightsA, distinctValueCounts, totalA, pooled.contributing - totalA);
    };
  }
  if (pooled.scale === 'numeric') {
    const { distinctValues, distinctValueCounts, distinctValueOf } = pooled;
    const weightsA = atomScratch(pooled);
    const weightsB = atomScratch(pooled);
    return (inA) => {
      sumFlagsByAtom(distinctValueOf, inA, weightsA);
      for (let atom = 0; atom < distinctValues.length; atom += 1) {
        weightsB[atom] = (distinctValueCounts[atom] as number) - (weightsA[atom] as number);
      }
      return wassersteinDistanceOnSupport(distinctValues, weightsA, weightsB);
    };
  }
  if (pooled.scale === 'categorical') {
    const countsA = new Float64Array(pooled.categories.length);
    const countsB = new Float64Array(pooled.categories.length);
    const countsAll = new Float64Array(pooled.categories.length);
    addPatternCounts(pooled, pooled.patternCounts, countsAll);
    const weightsA = arena?.float64Array(pooled.patternCounts.length + 1) ?? atomScratch(pooled);
    const patterns = arena === undefined ? undefined : sampleInArena(pooled, arena);
    const countsOfA = arena?.float64Array(pooled.categories.length) ?? countsA;
    return (inA) => {
      if (arena !== undefined && patterns !== undefined && arena.holds(inA)) {
        arena.sumFlagsByAtom(patterns.patternOf, inA, weightsA);
        arena.expandPatternCounts(patterns, weightsA, countsOfA);
        countsA.set(countsOfA);
      } else {
        sumFlagsByAtom(pooled.patternOf, inA, weightsA);
        addPatternCounts(pooled, weightsA, countsA);
      }
      for (let category = 0; category < countsB.length; category += 1) {
        countsB[category] = (countsAll[category] as number) - (countsA[category] as number);
      }
      return totalVariationDistanceOfCounts(countsA, countsB);
    };
  }
  if (pooled.scale === 'embedding') {
    const { vectorLength, vectorSums, vectorCounts } = pooled;
    const sumA = arena?.float64Array(vectorLength) ?? new Float64Array(vectorLength);
    const sumB = new Float64Array(vectorLength);
    const sumAll = new Float64Array(vectorLength);
    // flags drawn in the arena are added up by its kernel (same rows, same order: the same doubles)
    const vectors = arena === undefined ? undefined : vectorsInArena(pooled, arena);
    let countAll = 0;
    for (let dialogue = 0; dialogue < pooled.size; dialogue += 1) {
      countAll += vectorCounts[dialogue] as number;
      addVectorSum(pooled.vectorSums, dialogue, vectorLength, sumAll);
    }
    return (inA) => {
      let countA = 0;
      if (arena !== undefined && vectors !== undefined && arena.holds(inA)) countA = arena.vectorSumByFlags(vectors, inA, sumA);
      else {
        sumA.fill(0);
        for (let dialogue = 0; dialogue < pooled.size; dialogue += 1) {
          if (inA[dialogue] === 0 || vectorCounts[dialogue] === 0) continue;
          countA += vectorCounts[dialogue] as number;
          addVectorSum(vectorSums, dialogue, vectorLength, sumA);
        }
      }
      const countB = countAll - countA;
      if (countA === 0 || countB === 0) return null;
      for (let component = 0; component < vectorLength; component += 1) {
        sumB[component] = (sumAll[component] as number) - (sumA[component] as number);
      }
      return cosineSimilarity(sumA, sumB);
    };
  }
  throw new RealsimError('INTERNAL', 'createMembershipDistance: expected a numeric, categorical or embedding sample');
}

/** Group A's weight per atom: into[atomOf[unit]] += inA[unit], one sequential pass (see sumWeightsByAtom). */
function sumFlagsByAtom(atomOf: Uint32Array, inA: Uint8Array, into: Float64Array): void {
  into.fill(0);
  for (let unit = 0; unit < atomOf.length; unit += 1) {
    const atom = atomOf[unit] as number;
    into[atom] = (into[atom] as number) + (inA[unit] as number);
  }
}

function addVectorSum(vectorSums: Float64Array, dialogue: number, vectorLength: number, into: Float64Array): void {
  const base = dialogue * vectorLength;
  for (let component = 0; component < vectorLength; component += 1) {
    into[component] = (into[component] as number) + (vectorSums[base + component] as number);
  }
}
