import { RealsimError } from '../core/realsim-error.js';
import { atomScratch, sampleInArena, sumWeightsByAtom, vectorsInArena, weightedCategoryCounts, weightedVectorSum } from './aggregate-sample.js';
import { cosineSimilarity } from './cosine-similarity.js';
import { mergeAscendingValues } from './derive-measure-sample.js';
import type { KernelArena } from './kernels/resampling-kernels.js';
import type { MeasureSample, NumericSample } from './measure-sample.js';
import { totalVariationDistanceOfCounts } from './total-variation-distance.js';
import { wassersteinDistanceOnSupport } from './wasserstein-distance.js';

/** Distance between two weighted samples of one measure; null weights = every dialogue once. */
export type SampleDistance = (weightsA: Uint32Array | null, weightsB: Uint32Array | null) => number | null;

/**
 * The raw distance of a measure's scale between sample A and sample B (which may be the same sample,
 * as for the noise floor), with scratch buffers owned by the returned function:
 * - numeric: Wasserstein-1 between the per-dialogue values (unit of the measure);
 * - categorical: total variation distance between the category distributions, in [0, 1];
 * - embedding: cosine similarity of the two centroids (mean vectors), in [−1, 1] — a similarity.
 * Returns null when either side has no data under the given weights.
 *
 * With an arena, the per-dialogue arrays are copied into it and weights that live in the same arena
 * (bootstrapIntervals with that arena) are aggregated by its WebAssembly kernels; the values are the same.
 */
export function createSampleDistance(a: MeasureSample, b: MeasureSample, arena?: KernelArena, profiles?: SideProfiles): SampleDistance {
  if (a.scale === 'numeric' && b.scale === 'numeric') {
    // W1 over the union of both samples' distinct values, each weighted by how often the resample drew
    // it: the same integral as over every dialogue (equal values add no gap), in one branch-free pass.
    const support = mergeSupports(a, b);
    if (arena !== undefined) return numericDistanceWithKernels(support, arena, profiles);
    const scratchA = new Float64Array(support.values.length + 1);
    const scratchB = new Float64Array(support.values.length + 1);
    const atoms = support.values.length;
    return (weightsA, weightsB) => {
      const onA = weightsA === null ? support.countsA : sumWeightsByAtom(support.supportOfA, weightsA, scratchA);
      const onB = weightsB === null ? support.countsB : sumWeightsByAtom(support.supportOfB, weightsB, scratchB);
      if (profiles !== undefined) {
        profiles.a[0] = meanOverAtoms(support.values, onA, atoms);
        profiles.b[0] = meanOverAtoms(support.values, onB, atoms);
      }
      return wassersteinDistanceOnSupport(support.values, onA, onB);
    };
  }
  if (a.scale === 'categorical' && b.scale === 'categorical') {
    const countsA = arena?.float64Array(a.categories.length) ?? new Float64Array(a.categories.length);
    const countsB = arena?.float64Array(b.categories.length) ?? new Float64Array(b.categories.length);
    const scratchA = arena?.float64Array(a.patternCounts.length + 1) ?? atomScratch(a);
    const scratchB = arena?.float64Array(b.patternCounts.length + 1) ?? atomScratch(b);
    const patternsA = arena === undefined ? undefined : sampleInArena(a, arena);
    const patternsB = arena === undefined ? undefined : sampleInArena(b, arena);
    return (weightsA, weightsB) => {
      let totalA: number;
      if (arena !== undefined && patternsA !== undefined && weightsA !== null && arena.holds(weightsA)) {
        totalA = arena.expandPatternCounts(patternsA, arena.sumWeightsByAtom(patternsA.patternOf, weightsA, scratchA), countsA);
      } else {
        totalA = weightedCategoryCounts(a, weightsA, countsA, scratchA);
      }
      let totalB: number;
      if (arena !== undefined && patternsB !== undefined && weightsB !== null && arena.holds(weightsB)) {
        totalB = arena.expandPatternCounts(patternsB, arena.sumWeightsByAtom(patternsB.patternOf, weightsB, scratchB), countsB);
      } else {
        totalB = weightedCategoryCounts(b, weightsB, countsB, scratchB);
      }
      if (profiles !== undefined) {
        writeShares(countsA, totalA, profiles.a);
        writeShares(countsB, totalB, profiles.b);
      }
      return totalVariationDistanceOfCounts(countsA, countsB);
    };
  }
  if (a.scale === 'embedding' && b.scale === 'embedding') {
    const sumA = arena?.float64Array(a.vectorLength) ?? new Float64Array(a.vectorLength);
    const sumB = arena?.float64Array(b.vectorLength) ?? new Float64Array(b.vectorLength);
    // With an arena, resample weights drawn in it are applied by its kernel (same doubles as weightedVectorSum)
    const vectorsA = arena === undefined ? undefined : vectorsInArena(a, arena);
    const vectorsB = arena === undefined ? undefined : vectorsInArena(b, arena);
    return (weightsA, weightsB) => {
      if (a.vectorLength !== b.vectorLength) return null;
      const countA =
        arena !== undefined && vectorsA !== undefined && weightsA !== null && arena.holds(weightsA)
          ? arena.vectorSumByWeights(vectorsA, weightsA, sumA)
          : weightedVectorSum(a, weightsA, sumA);
      const countB =
        arena !== undefined && vectorsB !== undefined && weightsB !== null && arena.holds(weightsB)
          ? arena.vectorSumByWeights(vectorsB, weightsB, sumB)
          : weightedVectorSum(b, weightsB, sumB);
      if (countA === 0 || countB === 0) return null;
      // The cosine of the sums equals the cosine of the means (positive scaling).
      return cosineSimilarity(sumA, sumB);
    };
  }
  throw new RealsimError('INTERNAL', `createSampleDistance: expected samples of one scale, found ${a.scale} and ${b.scale}`);
}

/** The numeric distance of createSampleDistance on an arena's kernels (same values: the sums are of integers). */
function numericDistanceWithKernels(support: MergedSupport, arena: KernelArena, profiles: SideProfiles | undefined): SampleDistance {
  const gaps = arena.float64Array(Math.max(0, support.values.length - 1));
  for (let index = 0; index < gaps.length; index += 1) gaps[index] = (support.values[index + 1] as number) - (support.values[index] as number);
  const countsA = arena.copyOf(support.countsA);
  const countsB = arena.copyOf(support.countsB);
  const totalOf = (counts: Float64Array): number => counts.reduce((total, count) => total + count, 0);
  const unweightedTotalA = totalOf(support.countsA);
  const unweightedTotalB = totalOf(support.countsB);
  const supportOfA = arena.copyOf(support.supportOfA);
  const supportOfB = arena.copyOf(support.supportOfB);
  const scratchA = arena.float64Array(support.values.length + 1);
  const scratchB = arena.float64Array(support.values.length + 1);
  const values = profiles === undefined ? support.values : arena.copyOf(support.values);
  return (weightsA, weightsB) => {
    let totalA = unweightedTotalA;
    let weightsOnA = countsA;
    if (weightsA !== null) {
      totalA = arena.holds(weightsA) ? arena.sumWeightsByAtomWithTotal(supportOfA, weightsA, scratchA) : jsWeightsWithTotal(supportOfA, weightsA, scratchA);
      weightsOnA = scratchA;
    }
    let totalB = unweightedTotalB;
    let weightsOnB = countsB;
    if (weightsB !== null) {
      totalB = arena.holds(weightsB) ? arena.sumWeightsByAtomWithTotal(supportOfB, weightsB, scratchB) : jsWeightsWithTotal(supportOfB, weightsB, scratchB);
      weightsOnB = scratchB;
    }
    if (profiles === undefined) return arena.wassersteinWithTotals(gaps, weightsOnA, weightsOnB, totalA, totalB);
    const result = values.length === 0 ? null : arena.wassersteinWithTotalsAndSums(gaps, values, weightsOnA, weightsOnB, totalA, totalB);
    // W1 is null exactly when a side has no data; the other side still has its mean
    profiles.a[0] = result !== null ? result.sumA / totalA : meanOverAtoms(values, weightsOnA, values.length);
    profiles.b[0] = result !== null ? result.sumB / totalB : meanOverAtoms(values, weightsOnB, values.length);
    return result?.distance ?? null;
  };
}

/**
 * Where a distance also writes each side's domain profile (correlateAcrossDomains) after every evaluation:
 * numeric → [mean of the values]; categorical → the share of each category in % of the measure's mass;
 * NaN where a side has no data under the weights. Not written for embeddings (they have no profile).
 */
export interface SideProfiles {
  a: Float64Array;
  b: Float64Array;
}

/** Number of profile values of a sample (see SideProfiles): 1, the number of categories, or 0. */
export function profileLength(sample: MeasureSample): number {
  return sample.scale === 'numeric' ? 1 : sample.scale === 'categorical' ? sample.categories.length : 0;
}

/** Weighted mean over atoms (values[k] held weights[k] times), NaN when the weights add up to 0. */
function meanOverAtoms(values: Float64Array, weights: Float64Array, atoms: number): number {
  let total = 0;
  let weightTotal = 0;
  for (let atom = 0; atom < atoms; atom += 1) {
    total += (values[atom] as number) * (weights[atom] as number);
    weightTotal += weights[atom] as number;
  }
  return weightTotal > 0 ? total / weightTotal : Number.NaN;
}

function writeShares(counts: Float64Array, total: number, into: Float64Array): void {
  for (let category = 0; category < counts.length; category += 1) into[category] = total === 0 ? Number.NaN : (100 * (counts[category] as number)) / total;
}

/** sumWeightsByAtom in JavaScript, returning the total weight outside the spare last slot. */
function jsWeightsWithTotal(atomOf: Uint32Array, weights: Uint32Array, into: Float64Array): number {
  sumWeightsByAtom(atomOf, weights, into);
  let total = 0;
  for (let atom = 0; atom < into.length - 1; atom += 1) total += into[atom] as number;
  return total;
}

interface MergedSupport {
  /** Distinct values of both samples, ascending. */
  values: Float64Array;
  /** Per dialogue of A (of B) its value's index in `values`, or values.length when it has no value. */
  supportOfA: Uint32Array;
  supportOfB: Uint32Array;
  /** Dialogues of A (of B) per support value: the unresampled weights. */
  countsA: Float64Array;
  countsB: Float64Array;
}

function mergeSupports(a: NumericSample, b: NumericSample): MergedSupport {
  const { values, positionOfA, positionOfB } = mergeAscendingValues(a.distinctValues, b.distinctValues);
  const countsA = new Float64Array(values.length + 1);
  const countsB = new Float64Array(values.length + 1);
  a.distinctValueCounts.forEach((count, atom) => (countsA[positionOfA[atom] as number] = count));
  b.distinctValueCounts.forEach((count, atom) => (countsB[positionOfB[atom] as number] = count));
  // positionOf maps the spare slot (no value) to values.length as well.
  return { values, supportOfA: a.distinctValueOf.map((atom) => positionOfA[atom] as number), supportOfB: b.distinctValueOf.map((atom) => positionOfB[atom] as number), countsA, countsB };
}
