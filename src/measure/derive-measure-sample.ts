import { RealsimError } from '../core/realsim-error.js';
import type { CategoricalSample, EmbeddingSample, MeasureSample, NumericSample } from './measure-sample.js';

/**
 * Samples of sub-lists and joined lists derived from samples already built, without reading a single
 * annotation again: the result equals what buildMeasureSample returns for the corresponding dialogue list
 * (same atoms in the same order, same pattern order), which the tests check field by field. A report
 * builds each measure's sample once per set and derives every domain, half and pooled sample from it.
 */

/** The sample of the dialogues at `indexes` (positions in the list `sample` was built from), in that order. */
export function selectMeasureSample(sample: MeasureSample, indexes: ArrayLike<number>): MeasureSample {
  if (sample.scale === 'numeric') return selectNumeric(sample, indexes);
  if (sample.scale === 'categorical') return selectCategorical(sample, indexes);
  return selectEmbedding(sample, indexes);
}

/** The sample of the dialogues of `a` followed by those of `b` (both built with the same categories). */
export function concatMeasureSamples(a: MeasureSample, b: MeasureSample): MeasureSample {
  if (a.scale === 'numeric' && b.scale === 'numeric') return concatNumeric(a, b);
  if (a.scale === 'categorical' && b.scale === 'categorical') return concatCategorical(a, b);
  if (a.scale === 'embedding' && b.scale === 'embedding') return concatEmbedding(a, b);
  throw new RealsimError('INTERNAL', `concatMeasureSamples: expected samples of one scale, found ${a.scale} and ${b.scale}`);
}

function selectNumeric(sample: NumericSample, indexes: ArrayLike<number>): NumericSample {
  const size = indexes.length;
  const parentAtoms = sample.distinctValues.length;
  const atomCounts = new Float64Array(parentAtoms + 1);
  const dialogueValues = new Float64Array(size);
  const dialogueHasValue = new Float64Array(size);
  for (let position = 0; position < size; position += 1) {
    const index = indexes[position] as number;
    dialogueValues[position] = sample.dialogueValues[index] as number;
    dialogueHasValue[position] = sample.dialogueHasValue[index] as number;
    const atom = sample.distinctValueOf[index] as number;
    atomCounts[atom] = (atomCounts[atom] as number) + 1;
  }
  return numericFromAtoms(sample.distinctValues, atomCounts, dialogueValues, dialogueHasValue, (position) => sample.distinctValueOf[indexes[position] as number] as number);
}

/**
 * The union of two ascending lists of distinct values, ascending, and where each value of either list
 * landed: positionOfA[i] is the merged index of a[i]; positionOfA[a.length] = merged length (the spare
 * slot of dialogues without a value maps to the merged spare slot). Same for b.
 */
export function mergeAscendingValues(a: Float64Array, b: Float64Array): { values: Float64Array; positionOfA: Uint32Array; positionOfB: Uint32Array } {
  const merged: number[] = [];
  const positionOfA = new Uint32Array(a.length + 1);
  const positionOfB = new Uint32Array(b.length + 1);
  let indexA = 0;
  let indexB = 0;
  while (indexA < a.length || indexB < b.length) {
    const valueA = indexA < a.length ? (a[indexA] as number) : Number.POSITIVE_INFINITY;
    const valueB = indexB < b.length ? (b[indexB] as number) : Number.POSITIVE_INFINITY;
    const value = Math.min(valueA, valueB);
    if (valueA === value) positionOfA[indexA++] = merged.length;
    if (valueB === value) positionOfB[indexB++] = merged.length;
    merged.push(value);
  }
  positionOfA[a.length] = merged.length;
  positionOfB[b.length] = merged.length;
  return { values: Float64Array.from(merged), positionOfA, positionOfB };
}

function concatNumeric(a: NumericSample, b: NumericSample): NumericSample {
  const { values: distinctValues, positionOfA, positionOfB } = mergeAscendingValues(a.distinctValues, b.distinctValues);
  const atomCounts = new Float64Array(distinctValues.length + 1);
  a.distinctValueCounts.forEach((count, atom) => (atomCounts[positionOfA[atom] as number] = count));
  b.distinctValueCounts.forEach((count, atom) => (atomCounts[positionOfB[atom] as number] = (atomCounts[positionOfB[atom] as number] as number) + count));
  const dialogueValues = new Float64Array(a.size + b.size);
  dialogueValues.set(a.dialogueValues);
  dialogueValues.set(b.dialogueValues, a.size);
  const dialogueHasValue = new Float64Array(a.size + b.size);
  dialogueHasValue.set(a.dialogueHasValue);
  dialogueHasValue.set(b.dialogueHasValue, a.size);
  const distinctValueOf = new Uint32Array(a.size + b.size);
  for (let dialogue = 0; dialogue < a.size; dialogue += 1) distinctValueOf[dialogue] = positionOfA[a.distinctValueOf[dialogue] as number] as number;
  for (let dialogue = 0; dialogue < b.size; dialogue += 1) {
    distinctValueOf[a.size + dialogue] = positionOfB[b.distinctValueOf[dialogue] as number] as number;
  }
  const counts = atomCounts.subarray(0, distinctValues.length);
  return {
    scale: 'numeric',
    size: a.size + b.size,
    contributing: a.contributing + b.contributing,
    sortedValues: expandAtoms(distinctValues, counts, a.contributing + b.contributing),
    dialogueValues,
    dialogueHasValue,
    distinctValues,
    distinctValueCounts: Float64Array.from(counts),
    distinctValueOf,
  };
}

/** A numeric sample whose atoms are the parent atoms with a non-zero count (the last slot counts dialogues without a value). */
function numericFromAtoms(
  parentValues: Float64Array,
  atomCounts: Float64Array,
  dialogueValues: Float64Array,
  dialogueHasValue: Float64Array,
  parentAtomOf: (position: number) => number,
): NumericSample {
  const parentAtoms = parentValues.length;
  const newAtomOf = new Uint32Array(parentAtoms + 1);
  const values: number[] = [];
  const counts: number[] = [];
  for (let atom = 0; atom < parentAtoms; atom += 1) {
    if (atomCounts[atom] === 0) continue;
    newAtomOf[atom] = values.length;
    values.push(parentValues[atom] as number);
    counts.push(atomCounts[atom] as number);
  }
  newAtomOf[parentAtoms] = values.length;
  const distinctValues = Float64Array.from(values);
  const distinctValueCounts = Float64Array.from(counts);
  const distinctValueOf = new Uint32Array(dialogueValues.length);
  for (let position = 0; position < dialogueValues.length; position += 1) distinctValueOf[position] = newAtomOf[parentAtomOf(position)] as number;
  const contributing = dialogueValues.length - (atomCounts[parentAtoms] as number);
  return {
    scale: 'numeric',
    size: dialogueValues.length,
    contributing,
    sortedValues: expandAtoms(distinctValues, distinctValueCounts, contributing),
    dialogueValues,
    dialogueHasValue,
    distinctValues,
    distinctValueCounts,
    distinctValueOf,
  };
}

/** Each distinct value repeated by its count: the ascending values. */
function expandAtoms(distinctValues: Float64Array, counts: ArrayLike<number>, total: number): Float64Array {
  const sorted = new Float64Array(total);
  let filled = 0;
  distinctValues.forEach((value, atom) => {
    sorted.fill(value, filled, filled + (counts[atom] as number));
    filled += counts[atom] as number;
  });
  return sorted;
}

function selectCategorical(sample: CategoricalSample, indexes: ArrayLike<number>): CategoricalSample {
  const parentPatterns = sample.patternCounts.length;
  const localOf = new Int32Array(parentPatterns).fill(-1);
  const order: number[] = [];
  const patternCounts: number[] = [];
  const patternOf = new Uint32Array(indexes.length);
  let contributing = 0;
  for (let position = 0; position < indexes.length; position += 1) {
    const parent = sample.patternOf[indexes[position] as number] as number;
    if (parent === parentPatterns) continue;
    contributing += 1;
    let local = localOf[parent] as number;
    if (local === -1) {
      local = order.length;
      localOf[parent] = local;
      order.push(parent);
      patternCounts.push(0);
    }
    patternCounts[local] = (patternCounts[local] as number) + 1;
    patternOf[position] = local;
  }
  for (let position = 0; position < indexes.length; position += 1) {
    if (sample.patternOf[indexes[position] as number] === parentPatterns) patternOf[position] = order.length;
  }
  return categoricalFromPatterns(sample.categories, order.map((parent) => patternEntries(sample, parent)), patternCounts, patternOf, contributing);
}

function concatCategorical(a: CategoricalSample, b: CategoricalSample): CategoricalSample {
  // a's patterns keep their order (each first appears in a's dialogues); b's new ones follow in b's order.
  const entries = Array.from({ length: a.patternCounts.length }, (_, pattern) => patternEntries(a, pattern));
  const patternCounts = [...a.patternCounts];
  const indexOfKey = new Map(entries.map((entry, pattern) => [entry.key, pattern]));
  const positionOfB = new Uint32Array(b.patternCounts.length);
  for (let pattern = 0; pattern < b.patternCounts.length; pattern += 1) {
    const entry = patternEntries(b, pattern);
    let position = indexOfKey.get(entry.key);
    if (position === undefined) {
      position = entries.length;
      indexOfKey.set(entry.key, position);
      entries.push(entry);
      patternCounts.push(0);
    }
    positionOfB[pattern] = position;
    patternCounts[position] = (patternCounts[position] as number) + (b.patternCounts[pattern] as number);
  }
  const spare = entries.length;
  const patternOf = new Uint32Array(a.size + b.size);
  for (let dialogue = 0; dialogue < a.size; dialogue += 1) {
    const pattern = a.patternOf[dialogue] as number;
    patternOf[dialogue] = pattern === a.patternCounts.length ? spare : pattern;
  }
  for (let dialogue = 0; dialogue < b.size; dialogue += 1) {
    const pattern = b.patternOf[dialogue] as number;
    patternOf[a.size + dialogue] = pattern === b.patternCounts.length ? spare : (positionOfB[pattern] as number);
  }
  return categoricalFromPatterns(a.categories, entries, patternCounts, patternOf, a.contributing + b.contributing);
}

interface PatternEntries {
  categoryIndexes: number[];
  counts: number[];
  /** The pattern's identity: its (category index, count) pairs in order. */
  key: string;
}

function patternEntries(sample: CategoricalSample, pattern: number): PatternEntries {
  const start = sample.offsets[pattern] as number;
  const end = sample.offsets[pattern + 1] as number;
  const categoryIndexes = [...sample.categoryIndexes.subarray(start, end)];
  const counts = [...sample.counts.subarray(start, end)];
  return { categoryIndexes, counts, key: categoryIndexes.map((index, entry) => `${index}:${counts[entry]}`).join(',') };
}

function categoricalFromPatterns(
  categories: readonly string[],
  patterns: readonly PatternEntries[],
  patternCounts: readonly number[],
  patternOf: Uint32Array,
  contributing: number,
): CategoricalSample {
  const offsets = [0];
  for (const pattern of patterns) offsets.push((offsets[offsets.length - 1] as number) + pattern.categoryIndexes.length);
  return {
    scale: 'categorical',
    size: patternOf.length,
    contributing,
    categories: [...categories],
    offsets: Uint32Array.from(offsets),
    categoryIndexes: Uint32Array.from(patterns.flatMap((pattern) => pattern.categoryIndexes)),
    counts: Float64Array.from(patterns.flatMap((pattern) => pattern.counts)),
    patternCounts: Float64Array.from(patternCounts),
    patternOf,
  };
}

function selectEmbedding(sample: EmbeddingSample, indexes: ArrayLike<number>): EmbeddingSample {
  let contributing = 0;
  for (let position = 0; position < indexes.length; position += 1) if ((sample.vectorCounts[indexes[position] as number] as number) > 0) contributing += 1;
  // buildMeasureSample takes the vector length from the first vector of the list: none, no length.
  const vectorLength = contributing === 0 ? 0 : sample.vectorLength;
  const vectorSums = new Float64Array(indexes.length * vectorLength);
  const vectorCounts = new Uint32Array(indexes.length);
  for (let position = 0; position < indexes.length; position += 1) {
    const index = indexes[position] as number;
    vectorCounts[position] = sample.vectorCounts[index] as number;
    if (vectorLength > 0) vectorSums.set(sample.vectorSums.subarray(index * vectorLength, (index + 1) * vectorLength), position * vectorLength);
  }
  return { scale: 'embedding', size: indexes.length, contributing, vectorLength, vectorSums, vectorCounts };
}

function concatEmbedding(a: EmbeddingSample, b: EmbeddingSample): EmbeddingSample {
  const vectorLength = a.contributing > 0 ? a.vectorLength : b.vectorLength;
  if (a.contributing > 0 && b.contributing > 0 && a.vectorLength !== b.vectorLength) {
    throw new RealsimError('ANNOTATOR_FAILED', `embedding samples to join: expected vectors of one length, found ${a.vectorLength} and ${b.vectorLength}`);
  }
  const vectorSums = new Float64Array((a.size + b.size) * vectorLength);
  if (a.vectorLength === vectorLength) vectorSums.set(a.vectorSums);
  if (b.vectorLength === vectorLength) vectorSums.set(b.vectorSums, a.size * vectorLength);
  const vectorCounts = new Uint32Array(a.size + b.size);
  vectorCounts.set(a.vectorCounts);
  vectorCounts.set(b.vectorCounts, a.size);
  return { scale: 'embedding', size: a.size + b.size, contributing: a.contributing + b.contributing, vectorLength, vectorSums, vectorCounts };
}
