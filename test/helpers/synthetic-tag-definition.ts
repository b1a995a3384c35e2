import type { DimensionDefinition } from '../../src/core/dimension.js';

/** Synthetic communicative dimension for measure tests: 4 categorical measures tags0..tags3 with 7, 9, 7, 8 categories. */
export const SYNTHETIC_TAG_CATEGORY_COUNTS = [7, 9, 7, 8] as const;

export const syntheticTagDefinition: DimensionDefinition = {
  id: 'tags',
  level: 'communicative-function',
  title: 'tags',
  description: 'synthetic',
  measures: SYNTHETIC_TAG_CATEGORY_COUNTS.map((size, index) => ({
    id: `tags${index}`,
    scale: 'categorical' as const,
    unitOfMass: 'tag occurrence',
    categories: Array.from({ length: size }, (_, category) => `c${category}`),
    includesNone: true,
    description: 'synthetic',
  })),
};
