import type { MultiLabelPair } from './score-multi-label.js';

/**
 * Binary view of identity labels: does a turn disclose anything about the user (any category) or not?
 * Positive class = "discloses something". precision = tp / (tp + fp), recall = tp / (tp + fn),
 * F1 = 2pr / (p + r), with 0 for an empty denominator.
 */
export interface AnyDisclosureScore {
  precision: number;
  recall: number;
  f1: number;
  /** Items whose gold labels disclose something. */
  support: number;
  /** Items predicted to disclose something. */
  predicted: number;
}

export function anyDisclosureF1(pairs: readonly MultiLabelPair[]): AnyDisclosureScore {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (const pair of pairs) {
    const gold = pair.gold.length > 0;
    const predicted = pair.predicted.length > 0;
    if (gold && predicted) truePositives += 1;
    else if (predicted) falsePositives += 1;
    else if (gold) falseNegatives += 1;
  }
  const precision = truePositives + falsePositives === 0 ? 0 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 0 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    precision,
    recall,
    f1,
    support: truePositives + falseNegatives,
    predicted: truePositives + falsePositives,
  };
}
