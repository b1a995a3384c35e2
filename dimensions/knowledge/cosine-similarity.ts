import { RealsimError } from '../../src/core/realsim-error.js';

/**
 * Cosine of the angle between two vectors: a·b / (|a| |b|), in [-1, 1].
 * Returns null when either vector has zero length (the angle is undefined).
 */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  if (a.length !== b.length) {
    throw new RealsimError('INTERNAL', `cosineSimilarity: expected vectors of equal length, found ${a.length} and ${b.length}`);
  }
  let dot = 0;
  let squaredA = 0;
  let squaredB = 0;
  for (let index = 0; index < a.length; index += 1) {
    const x = a[index] ?? 0;
    const y = b[index] ?? 0;
    dot += x * y;
    squaredA += x * x;
    squaredB += y * y;
  }
  if (squaredA === 0 || squaredB === 0) return null;
  return Math.max(-1, Math.min(1, dot / Math.sqrt(squaredA * squaredB)));
}
