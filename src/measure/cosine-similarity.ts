import { RealsimError } from '../core/realsim-error.js';

/** Cosine similarity of two equal-length vectors, in [−1, 1]; null when either has norm 0. */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  if (a.length !== b.length) {
    throw new RealsimError(
      'INTERNAL',
      `cosineSimilarity: expected vectors of equal length, found ${a.length} and ${b.length}`,
    );
  }
  let dot = 0;
  let normA = 0;
  let normB = 0;
  const length = a.length;
  for (let index = 0; index < length; index += 1) {
    const valueA = a[index] as number;
    const valueB = b[index] as number;
    dot += valueA * valueB;
    normA += valueA * valueA;
    normB += valueB * valueB;
  }
  if (normA === 0 || normB === 0) return null;
  return Math.max(-1, Math.min(1, dot / Math.sqrt(normA * normB)));
}
