import type { MeasureDefinition } from '../core/dimension.js';

export interface DistanceDescription {
  /** "wasserstein1" | "tvd" | "centroid_cosine" */
  metric: string;
  /** Human unit of the reported value, e.g. "TVD × 100 over tag occurrences (none included)". */
  unit: string;
  /** Factor from the raw distance to the reported value (100 for TVD). */
  scale: number;
  /** true for distances (0 = identical), false for similarities (1 = identical). */
  isDistance: boolean;
}

/** The metric a measure's scale is compared with, and the unit of the reported number. */
export function describeDistance(measure: MeasureDefinition): DistanceDescription {
  if (measure.scale === 'numeric') return { metric: 'wasserstein1', unit: measure.unit, scale: 1, isDistance: true };
  if (measure.scale === 'categorical') {
    const none = measure.includesNone ? 'none included' : 'no none category';
    return {
      metric: 'tvd',
      unit: `TVD × 100 over ${pluralOf(measure.unitOfMass)} (${none})`,
      scale: 100,
      isDistance: true,
    };
  }
  return {
    metric: 'centroid_cosine',
    unit: `cosine similarity of mean ${measure.unitOfMass} embeddings`,
    scale: 1,
    isDistance: false,
  };
}

/** "tag occurrence" → "tag occurrences", "sentence" → "sentences"; already plural words are kept. */
export function pluralOf(noun: string): string {
  if (/(s|x|ch|sh)$/.test(noun)) return noun.endsWith('s') ? noun : `${noun}es`;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}
