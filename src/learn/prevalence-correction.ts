import type { ValidityFigures } from './validity-figures.js';

/** How often the annotator says a tag on turns that carry it (TPR) and on turns that do not (FPR). */
export interface TagRates {
  truePositiveRate: number;
  falsePositiveRate: number;
}

/**
 * Each tag's cross-validated true and false positive rate, from validity figures: TPR = recall =
 * tp / support; FPR = (predicted − tp) / (turns − support). tp is recovered as round(recall × support)
 * (recall is stored with 4 decimals). A tag with no labelled or no unlabelled turn has no rates.
 * 100 turns, support 20, recall 0.75, predicted 25 → tp 15, TPR 0.75, FPR 10 / 80 = 0.125.
 */
export function tagRatesFromValidityFigures(figures: Pick<ValidityFigures, 'turns' | 'perTag'>): Record<string, TagRates> {
  const rates: Record<string, TagRates> = {};
  for (const [tag, score] of Object.entries(figures.perTag)) {
    const negatives = figures.turns - score.support;
    if (score.support === 0 || negatives <= 0) continue;
    const truePositives = Math.round(score.recall * score.support);
    rates[tag] = {
      truePositiveRate: Number((truePositives / score.support).toFixed(4)),
      falsePositiveRate: Number((Math.max(0, score.predicted - truePositives) / negatives).toFixed(4)),
    };
  }
  return rates;
}

/**
 * Adjusted classify-and-count (Forman 2008): the share of turns that truly carry a tag, from the share
 * the annotator gave it, p̂ = (observed − FPR) / (TPR − FPR), clipped to [0, 1]. Null when TPR ≤ FPR (the
 * annotator does not separate the tag, so nothing can be corrected).
 * observed 0.2, TPR 0.75, FPR 0.125 → (0.2 − 0.125) / 0.625 = 0.12; observed 0.05 → −0.12 → 0.
 */
export function adjustedClassifyAndCount(observedShare: number, rates: TagRates): number | null {
  const separation = rates.truePositiveRate - rates.falsePositiveRate;
  if (!(separation > 0)) return null;
  return Math.min(1, Math.max(0, (observedShare - rates.falsePositiveRate) / separation));
}

export const PREVALENCE_CORRECTION_NOTE =
  'Corrected shares (a second view next to the raw shares): adjusted classify-and-count per tag, p̂ = (observed share of user turns with the tag − FPR) / (TPR − FPR), clipped to [0, 100] %, with TPR and FPR the annotator\'s cross-validated true and false positive rates on labelled turns (in its model file). It corrects the share of user turns carrying each tag, so it is in percent of user turns (observedTurnPercent → correctedTurnPercent in report.json), not of the raw share\'s unit; corrected shares of a measure need not sum to 100. It assumes the rates hold on these dialogues.';
