import type { CategoricalMeasureDefinition, MeasureDefinition } from '../core/dimension.js';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import type { MeasuredDialogue } from './measured-set.js';
import { compareText } from './compare-text.js';

/**
 * One measure of one dimension over a list of dialogues, precomputed into typed arrays so that a
 * bootstrap resample (multiplicity weights over the dialogues) is evaluated in O(n) without sorting
 * or string work. `size` is the number of dialogues (units of resampling), including those without data.
 */
export type MeasureSample = NumericSample | CategoricalSample | EmbeddingSample;

export interface NumericSample {
  scale: 'numeric';
  size: number;
  /** Dialogues with a non-null value. */
  contributing: number;
  /** Non-null values, ascending. */
  sortedValues: Float64Array;
  /** sortedOwners[k] = index (in the dialogue list) of the dialogue that holds sortedValues[k]. */
  sortedOwners: Uint32Array;
}

export interface CategoricalSample {
  scale: 'categorical';
  size: number;
  /** Dialogues with at least one unit of mass. */
  contributing: number;
  /** Category names; index = position in the count vectors. */
  categories: string[];
  /** Sparse rows: entries offsets[i] .. offsets[i+1]−1 belong to dialogue i. */
  offsets: Uint32Array;
  categoryIndexes: Uint32Array;
  counts: Float64Array;
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
  const known = new Set(measure.categories);
  const extra = new Set<string>();
  for (const dialogues of dialogueLists) {
    for (const dialogue of dialogues) {
      for (const category of dialogue.annotations[dimensionId]?.categorical[measure.id] ?? []) {
        if (!known.has(category)) extra.add(category);
      }
    }
  }
  return [...measure.categories, ...[...extra].sort(compareText)];
}

/** Builds the sample of one measure. `categories` is required for categorical measures (categoriesOf). */
export function buildMeasureSample(
  dialogues: readonly MeasuredDialogue[],
  dimensionId: string,
  measure: MeasureDefinition,
  categories?: readonly string[],
): MeasureSample {
  if (measure.scale === 'numeric') return buildNumericSample(dialogues, dimensionId, measure.id);
  if (measure.scale === 'categorical') {
    return buildCategoricalSample(dialogues, dimensionId, measure.id, categories ?? measure.categories);
  }
  return buildEmbeddingSample(dialogues, dimensionId, measure.id);
}

function buildNumericSample(dialogues: readonly MeasuredDialogue[], dimensionId: string, measureId: string): NumericSample {
  const entries: Array<{ value: number; owner: number }> = [];
  dialogues.forEach((dialogue, owner) => {
    const value = dialogue.annotations[dimensionId]?.numeric[measureId];
    if (value === null || value === undefined) return;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RealsimError(
        'ANNOTATOR_FAILED',
        `${dimensionId}.${measureId} of dialogue ${quoteForMessage(dialogue.id)}: expected a finite number or null, found ${quoteForMessage(String(value))}`,
      );
    }
    entries.push({ value, owner });
  });
  entries.sort((a, b) => a.value - b.value || a.owner - b.owner);
  return {
    scale: 'numeric',
    size: dialogues.length,
    contributing: entries.length,
    sortedValues: Float64Array.from(entries, (entry) => entry.value),
    sortedOwners: Uint32Array.from(entries, (entry) => entry.owner),
  };
}

function buildCategoricalSample(
  dialogues: readonly MeasuredDialogue[],
  dimensionId: string,
  measureId: string,
  categories: readonly string[],
): CategoricalSample {
  const indexOf = new Map(categories.map((category, index) => [category, index]));
  const offsets = new Uint32Array(dialogues.length + 1);
  const categoryIndexes: number[] = [];
  const counts: number[] = [];
  let contributing = 0;
  const perDialogue = new Map<number, number>();
  dialogues.forEach((dialogue, dialogueIndex) => {
    perDialogue.clear();
    for (const category of dialogue.annotations[dimensionId]?.categorical[measureId] ?? []) {
      const index = indexOf.get(category);
      if (index === undefined) {
        throw new RealsimError(
          'INTERNAL',
          `${dimensionId}.${measureId}: expected one of ${categories.join(', ')}, found ${quoteForMessage(category)}`,
        );
      }
      perDialogue.set(index, (perDialogue.get(index) ?? 0) + 1);
    }
    if (perDialogue.size > 0) contributing += 1;
    for (const [index, count] of [...perDialogue.entries()].sort(([a], [b]) => a - b)) {
      categoryIndexes.push(index);
      counts.push(count);
    }
    offsets[dialogueIndex + 1] = categoryIndexes.length;
  });
  return {
    scale: 'categorical',
    size: dialogues.length,
    contributing,
    categories: [...categories],
    offsets,
    categoryIndexes: Uint32Array.from(categoryIndexes),
    counts: Float64Array.from(counts),
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
