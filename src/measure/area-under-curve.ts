import { RealsimError } from '../core/realsim-error.js';

/**
 * Area under the ROC curve by the Mann–Whitney statistic: the probability that a random positive
 * (label 1) scores higher than a random negative (label 0), ties counting ½. With multiplicity weights
 * (a bootstrap resample) each item counts `weights[i]` times. `order` may hold the item indices sorted
 * by ascending score (to reuse one sort across resamples). Returns null when a class has zero weight.
 * 0.5 = the scores do not separate the classes, 1 = every positive above every negative.
 */
export function areaUnderCurve(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  weights: ArrayLike<number> | null = null,
  order: ArrayLike<number> | null = null,
): number | null {
  if (scores.length !== labels.length) {
    throw new RealsimError('INTERNAL', `areaUnderCurve: expected one label per score, found ${labels.length} labels for ${scores.length} scores`);
  }
  const sorted = order ?? sortedByScore(scores);
  let negativesBelow = 0;
  let positiveTotal = 0;
  let sum = 0;
  let start = 0;
  while (start < sorted.length) {
    const score = scores[sorted[start] as number] as number;
    let end = start;
    let positives = 0;
    let negatives = 0;
    while (end < sorted.length && scores[sorted[end] as number] === score) {
      const item = sorted[end] as number;
      const weight = weights === null ? 1 : (weights[item] as number);
      if (labels[item] === 1) positives += weight;
      else negatives += weight;
      end += 1;
    }
    sum += positives * (negativesBelow + 0.5 * negatives);
    negativesBelow += negatives;
    positiveTotal += positives;
    start = end;
  }
  if (positiveTotal === 0 || negativesBelow === 0) return null;
  return sum / (positiveTotal * negativesBelow);
}

/** Item indices in ascending score order (ties by index). */
export function sortedByScore(scores: ArrayLike<number>): Uint32Array {
  const indices = Uint32Array.from({ length: scores.length }, (_, index) => index);
  return indices.sort((a, b) => (scores[a] as number) - (scores[b] as number) || a - b);
}
