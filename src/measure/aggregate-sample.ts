import type { ArenaVectors, KernelArena } from './kernels/resampling-kernels.js';
import type { CategoricalSample, EmbeddingSample, NumericSample } from './measure-sample.js';

/**
 * Aggregates of a MeasureSample under multiplicity weights (a bootstrap resample or a half of a split);
 * null weights mean every dialogue once. Each is one sequential pass over the dialogues (adding weights
 * per atom) plus a pass over the atoms; nothing is allocated when a scratch buffer is passed.
 */

/**
 * Adds each dialogue's weight to its atom (into[atomOf[i]] += weights[i]) in one sequential pass and
 * returns `into`, which needs one slot per atom plus the spare last slot that collects dialogues
 * without data (see NumericSample.distinctValueOf, CategoricalSample.patternOf).
 */
export function sumWeightsByAtom(atomOf: Uint32Array, weights: Uint32Array, into: Float64Array): Float64Array {
  into.fill(0);
  for (let dialogue = 0; dialogue < atomOf.length; dialogue += 1) {
    const atom = atomOf[dialogue] as number;
    into[atom] = (into[atom] as number) + (weights[dialogue] as number);
  }
  return into;
}

/** Scratch buffer for weightedCategoryCounts: one slot per atom plus the spare. */
export function atomScratch(sample: NumericSample | CategoricalSample): Float64Array {
  return new Float64Array((sample.scale === 'numeric' ? sample.distinctValues.length : sample.patternCounts.length) + 1);
}

/**
 * Weighted mean of the non-null values (one sequential, branch-free pass); null when their total weight
 * is 0. With an arena that holds the sample's per-dialogue arrays and the weights (sampleInArena), its
 * kernel makes the pass (same sums in the same order).
 */
export function weightedSampleMean(sample: NumericSample, weights: Uint32Array | null, arena?: KernelArena): number | null {
  if (weights === null) {
    let total = 0;
    for (const value of sample.sortedValues) total += value;
    return sample.contributing === 0 ? null : total / sample.contributing;
  }
  const { dialogueValues, dialogueHasValue } = sample;
  if (arena !== undefined && arena.holds(dialogueValues, dialogueHasValue, weights)) {
    const [total, weightTotal] = arena.weightedTotals(dialogueValues, dialogueHasValue, weights);
    return weightTotal === 0 ? null : total / weightTotal;
  }
  let total = 0;
  let weightTotal = 0;
  for (let dialogue = 0; dialogue < dialogueValues.length; dialogue += 1) {
    const weight = weights[dialogue] as number;
    total += weight * (dialogueValues[dialogue] as number);
    weightTotal += weight * (dialogueHasValue[dialogue] as number);
  }
  return weightTotal === 0 ? null : total / weightTotal;
}

/**
 * Weighted count per category, written into `into` (length = categories.length); returns the total.
 * `scratch` (atomScratch) receives the weight of each tag pattern; with an arena that holds the sample's
 * patternOf, the weights and the scratch, its kernel adds them up.
 */
export function weightedCategoryCounts(
  sample: CategoricalSample,
  weights: Uint32Array | null,
  into: Float64Array,
  scratch = atomScratch(sample),
  arena?: KernelArena,
): number {
  if (weights === null) return addPatternCounts(sample, sample.patternCounts, into);
  if (arena !== undefined && arena.holds(sample.patternOf, sample.offsets, sample.categoryIndexes, sample.counts, weights, scratch, into)) {
    return arena.expandPatternCounts(sample, arena.sumWeightsByAtom(sample.patternOf, weights, scratch), into);
  }
  return addPatternCounts(sample, sumWeightsByAtom(sample.patternOf, weights, scratch), into);
}

/**
 * The sample with the arrays that resampling reads (values and presence for means; the pattern of each
 * dialogue and the pattern table) copied into the arena, so weightedSampleMean and weightedCategoryCounts can
 * run on its kernels; everything else is shared with `sample`.
 */
export function sampleInArena<Sample extends NumericSample | CategoricalSample>(sample: Sample, arena: KernelArena): Sample {
  if (sample.scale === 'numeric') {
    return { ...sample, dialogueValues: arena.copyOf(sample.dialogueValues), dialogueHasValue: arena.copyOf(sample.dialogueHasValue) };
  }
  return {
    ...sample,
    patternOf: arena.copyOf(sample.patternOf),
    offsets: arena.copyOf(sample.offsets),
    categoryIndexes: arena.copyOf(sample.categoryIndexes),
    counts: arena.copyOf(sample.counts),
  };
}

/** Expands weights per tag pattern into counts per category (into is overwritten); returns the total. */
export function addPatternCounts(sample: CategoricalSample, patternWeights: Float64Array, into: Float64Array): number {
  into.fill(0);
  let total = 0;
  const { offsets, categoryIndexes, counts } = sample;
  const patterns = sample.patternCounts.length;
  for (let pattern = 0; pattern < patterns; pattern += 1) {
    const weight = patternWeights[pattern] as number;
    if (weight === 0) continue;
    const end = offsets[pattern + 1] as number;
    for (let entry = offsets[pattern] as number; entry < end; entry += 1) {
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

/**
 * Largest embedding sample whose vectors are copied into a kernel arena (bytes of vector sums): 512 MiB, i.e.
 * about 131,000 dialogues of 512-component vectors (the pooled sample of 100,000 dialogues fits). Larger samples
 * are summed in JavaScript (same values), so an arena (at most 2 GiB) still holds both sides of a bootstrap.
 */
export const ARENA_VECTOR_BYTES_LIMIT = 512 * 1024 * 1024;

/** The sample's vector sums and counts copied into the arena, or undefined when it is over ARENA_VECTOR_BYTES_LIMIT. */
export function vectorsInArena(sample: EmbeddingSample, arena: KernelArena): ArenaVectors | undefined {
  if (sample.vectorSums.byteLength > ARENA_VECTOR_BYTES_LIMIT) return undefined;
  return { vectorSums: arena.copyOf(sample.vectorSums), vectorCounts: arena.copyOf(sample.vectorCounts) };
}
