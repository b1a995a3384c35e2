import type { CategoricalMeasureDefinition, MeasureDefinition } from '../core/dimension.js';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import type { MeasuredDialogue } from './measured-set.js';
import { compareText } from './compare-text.js';

/**
 * One measure of one dimension over a list of dialogues, precomputed into typed arrays so that a
 * bootstrap resample (multiplicity weights over the dialogues) is evaluated without sorting or string
 * work: one sequential pass adds each dialogue's weight to its atom (its distinct value, or its distinct
 * tag pattern), and the statistic is then computed over the few atoms instead of the many dialogues. `size` is the number of dialogues (units of resampling), including those without data.
 */
export type MeasureSample = NumericSample | CategoricalSample | EmbeddingSample;

export interface NumericSample {
  scale: 'numeric';
  size: number;
  /** Dialogues with a non-null value. */
  contributing: number;
  /** Non-null values, ascending. */
  sortedValues: Float64Array;
  /** Per dialogue its value (0 when it has none) and whether it has one (1 or 0): for weighted means. */
  dialogueValues: Float64Array;
  dialogueHasValue: Float64Array;
  /** The distinct non-null values, ascending: the atoms a resample is aggregated into. */
  distinctValues: Float64Array;
  /** How many dialogues hold each distinct value (the weights of the unresampled sample). */
  distinctValueCounts: Float64Array;
  /**
   * Per dialogue the index of its value in distinctValues, or distinctValues.length for a dialogue
   * without a value (a spare slot that every aggregation ignores, so the hot loops need no branch).
   */
  distinctValueOf: Uint32Array;
}

export interface CategoricalSample {
  scale: 'categorical';
  size: number;
  /** Dialogues with at least one unit of mass. */
  contributing: number;
  /** Category names; index = position in the count vectors. */
  categories: string[];
  /**
   * The distinct per-dialogue count rows ("patterns"), as sparse rows: entries offsets[p] .. offsets[p+1]−1
   * belong to pattern p (category index and count). Dialogues with the same tags share one pattern, so a
   * resample is aggregated per pattern in one pass over the dialogues and then expanded once per pattern.
   */
  offsets: Uint32Array;
  categoryIndexes: Uint32Array;
  counts: Float64Array;
  /** How many dialogues have each pattern. */
  patternCounts: Float64Array;
  /** Per dialogue its pattern, or the pattern count (a spare slot) for a dialogue without mass. */
  patternOf: Uint32Array;
}

export interface EmbeddingSample {
  scale: 'embedding';
  size: number;
  /** Dialogues with at least one vector. */
  contributing: number;
  /** Vector length (0 when no dialogue has a vector). */
  vectorLength: number;
  /** Per dialogue the sum of its vectors, row-major size × vectorLength. */
  vectorSums: Float64Array;
  /** Per dialogue the number of vectors. */
  vectorCounts: Uint32Array;
}

/**
 * Categories of a categorical measure: the definition's categories in their order, then any other
 * category found in the given dialogues, in code-unit order (an annotator should not emit those, but
 * their mass is kept rather than silently dropped).
 */
export function categoriesOf(
  dimensionId: string,
  measure: CategoricalMeasureDefinition,
  dialogueLists: ReadonlyArray<readonly MeasuredDialogue[]>,
): string[] {
  const extra = new Set<string>();
  for (const dialogues of dialogueLists) for (const category of unknownCategoriesOf(dialogues, dimensionId, measure)) extra.add(category);
  return [...measure.categories, ...[...extra].sort(compareText)];
}

/**
 * Measured dialogue lists are read-only once measured, and one report reads the same measure of the same
 * list in several places (summaries, distances, correlations, histograms): what is read from a list is
 * kept with the list (garbage-collected with it), so each measure's annotations are read once per list.
 */
const readFromList = new WeakMap<readonly MeasuredDialogue[], Map<string, unknown>>();

function keptWithList<T>(dialogues: readonly MeasuredDialogue[], key: string, read: () => T): T {
  let kept = readFromList.get(dialogues);
  if (kept === undefined) {
    kept = new Map();
    readFromList.set(dialogues, kept);
  }
  if (!kept.has(key)) kept.set(key, read());
  return kept.get(key) as T;
}

function unknownCategoriesOf(dialogues: readonly MeasuredDialogue[], dimensionId: string, measure: CategoricalMeasureDefinition): readonly string[] {
  return keptWithList(dialogues, `unknown categories\u0000${dimensionId}\u0000${measure.id}\u0000${measure.categories.join('\u0001')}`, () => {
    const known = new Set(measure.categories);
    const extra = new Set<string>();
    for (const dialogue of dialogues) {
      for (const category of dialogue.annotations[dimensionId]?.categorical[measure.id] ?? []) {
        if (!known.has(category)) extra.add(category);
      }
    }
    return [...extra];
  });
}

/** Builds the sample of one measure. `categories` is required for categorical measures (categoriesOf). */
export function buildMeasureSample(
  dialogues: readonly MeasuredDialogue[],
  dimensionId: string,
  measure: MeasureDefinition,
  categories?: readonly string[],
): MeasureSample {
  const categoryList = measure.scale === 'categorical' ? (categories ?? measure.categories) : [];
  // The sample is shared by every caller with the same list: its arrays must not be written to.
  return keptWithList(dialogues, `sample\u0000${dimensionId}\u0000${measure.id}\u0000${measure.scale}\u0000${categoryList.join('\u0001')}`, () => {
    if (measure.scale === 'numeric') return buildNumericSample(dialogues, dimensionId, measure.id);
    if (measure.scale === 'categorical') return buildCategoricalSample(dialogues, dimensionId, measure.id, categoryList);
    return buildEmbeddingSample(dialogues, dimensionId, measure.id);
  });
}

function buildNumericSample(dialogues: readonly MeasuredDialogue[], dimensionId: string, measureId: string): NumericSample {
  const values = new Float64Array(dialogues.length);
  const hasValue = new Uint8Array(dialogues.length);
  let contributing = 0;
  for (let owner = 0; owner < dialogues.length; owner += 1) {
    const dialogue = dialogues[owner] as MeasuredDialogue;
    const value = dialogue.annotations[dimensionId]?.numeric[measureId];
    if (value === null || value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RealsimError(
        'ANNOTATOR_FAILED',
        `${dimensionId}.${measureId} of dialogue ${quoteForMessage(dialogue.id)}: expected a finite number or null, found ${quoteForMessage(String(value))}`,
      );
    }
    // −0 is stored as 0, so equal values are one atom whatever their sign of zero.
    values[owner] = value === 0 ? 0 : value;
    hasValue[owner] = 1;
    contributing += 1;
  }
  const sortedValues = new Float64Array(contributing);
  let filled = 0;
  for (let owner = 0; owner < dialogues.length; owner += 1) if (hasValue[owner] === 1) sortedValues[filled++] = values[owner] as number;
  sortedValues.sort();
  const distinct: number[] = [];
  const distinctCounts: number[] = [];
  const distinctIndexOf = new Map<number, number>();
  for (const value of sortedValues) {
    if (distinct.length === 0 || distinct[distinct.length - 1] !== value) {
      distinctIndexOf.set(value, distinct.length);
      distinct.push(value);
      distinctCounts.push(0);
    }
    distinctCounts[distinctCounts.length - 1] = (distinctCounts[distinctCounts.length - 1] as number) + 1;
  }
  const distinctValues = Float64Array.from(distinct);
  const distinctValueOf = new Uint32Array(dialogues.length);
  for (let owner = 0; owner < dialogues.length; owner += 1) {
    distinctValueOf[owner] = hasValue[owner] === 1 ? (distinctIndexOf.get(values[owner] as number) as number) : distinctValues.length;
  }
  return {
    scale: 'numeric',
    size: dialogues.length,
    contributing,
    sortedValues,
    dialogueValues: values,
    dialogueHasValue: Float64Array.from(hasValue),
    distinctValues,
    distinctValueCounts: Float64Array.from(distinctCounts),
    distinctValueOf,
  };
}

/** Index of `value` in an ascending array that holds it (binary search). */
function indexOfSorted(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function buildCategoricalSample(
  dialogues: readonly MeasuredDialogue[],
  dimensionId: string,
  measureId: string,
  categories: readonly string[],
): CategoricalSample {
  const indexOf = new Map(categories.map((category, index) => [category, index]));
  const offsets: number[] = [0];
  const categoryIndexes: number[] = [];
  const counts: number[] = [];
  const patternCounts: number[] = [];
  const patternOfKey = new Map<number | string, number>();
  const patternOf = new Uint32Array(dialogues.length);
  const withoutMass: number[] = [];
  let contributing = 0;
  const indexes: number[] = [];
  // A pattern is the multiset of category indexes; sorted, its digits in base (categories + 1) are a number
  // key, exact while it stays below 2^53, else the indexes joined into a string (never equal to a number).
  const base = categories.length + 1;
  const digitsInNumberKey = Math.floor(53 / Math.log2(base + 1));
  for (let dialogueIndex = 0; dialogueIndex < dialogues.length; dialogueIndex += 1) {
    const labels = (dialogues[dialogueIndex] as MeasuredDialogue).annotations[dimensionId]?.categorical[measureId];
    const length = labels === undefined ? 0 : labels.length;
    if (length === 0) {
      withoutMass.push(dialogueIndex);
      continue;
    }
    indexes.length = 0;
    for (let position = 0; position < length; position += 1) {
      const category = (labels as string[])[position] as string;
      const index = indexOf.get(category);
      if (index === undefined) {
        throw new RealsimError(
          'INTERNAL',
          `${dimensionId}.${measureId}: expected one of ${categories.join(', ')}, found ${quoteForMessage(category)}`,
        );
      }
      // insertion sort: patterns hold a few tags
      let slot = position;
      while (slot > 0 && (indexes[slot - 1] as number) > index) {
        indexes[slot] = indexes[slot - 1] as number;
        slot -= 1;
      }
      indexes[slot] = index;
    }
    contributing += 1;
    let key: number | string = 0;
    if (length <= digitsInNumberKey) for (let position = 0; position < length; position += 1) key = key * base + (indexes[position] as number) + 1;
    else key = indexes.join(',');
    let pattern = patternOfKey.get(key);
    if (pattern === undefined) {
      pattern = patternCounts.length;
      patternOfKey.set(key, pattern);
      patternCounts.push(0);
      indexes.forEach((index, position) => {
        if (position > 0 && indexes[position - 1] === index) counts[counts.length - 1] = (counts[counts.length - 1] as number) + 1;
        else {
          categoryIndexes.push(index);
          counts.push(1);
        }
      });
      offsets.push(categoryIndexes.length);
    }
    patternCounts[pattern] = (patternCounts[pattern] as number) + 1;
    patternOf[dialogueIndex] = pattern;
  }
  for (const dialogueIndex of withoutMass) patternOf[dialogueIndex] = patternCounts.length;
  return {
    scale: 'categorical',
    size: dialogues.length,
    contributing,
    categories: [...categories],
    offsets: Uint32Array.from(offsets),
    categoryIndexes: Uint32Array.from(categoryIndexes),
    counts: Float64Array.from(counts),
    patternCounts: Float64Array.from(patternCounts),
    patternOf,
  };
}

function buildEmbeddingSample(dialogues: readonly MeasuredDialogue[], dimensionId: string, measureId: string): EmbeddingSample {
  let vectorLength = 0;
  for (const dialogue of dialogues) {
    const first = dialogue.annotations[dimensionId]?.embeddings?.[measureId]?.[0];
    if (first) {
      vectorLength = first.length;
      break;
    }
  }
  const vectorSums = new Float64Array(dialogues.length * vectorLength);
  const vectorCounts = new Uint32Array(dialogues.length);
  let contributing = 0;
  dialogues.forEach((dialogue, dialogueIndex) => {
    const vectors = dialogue.annotations[dimensionId]?.embeddings?.[measureId] ?? [];
    if (vectors.length > 0) contributing += 1;
    vectorCounts[dialogueIndex] = vectors.length;
    const base = dialogueIndex * vectorLength;
    for (const vector of vectors) {
      if (vector.length !== vectorLength) {
        throw new RealsimError(
          'ANNOTATOR_FAILED',
          `${dimensionId}.${measureId} of dialogue ${quoteForMessage(dialogue.id)}: expected vectors of length ${vectorLength}, found length ${vector.length}`,
        );
      }
      for (let component = 0; component < vectorLength; component += 1) {
        vectorSums[base + component] = (vectorSums[base + component] as number) + (vector[component] as number);
      }
    }
  });
  return { scale: 'embedding', size: dialogues.length, contributing, vectorLength, vectorSums, vectorCounts };
}
