import { anyDisclosureF1 } from '../measure/annotator-validity/any-disclosure-f1.js';
import { majorityBaselinePairs, majorityTagSet } from '../measure/annotator-validity/majority-baseline.js';
import { scoreMultiLabel, type MultiLabelPair } from '../measure/annotator-validity/score-multi-label.js';
import { totalVariationDistanceOfCounts } from '../measure/total-variation-distance.js';

/** How well an annotator's tags match labelled turns, and how far its tag distribution is from theirs. */
export interface ValidityFigures {
  /** Labelled user turns scored. */
  turns: number;
  microF1: number;
  macroF1: number;
  perTag: Record<string, { precision: number; recall: number; f1: number; support: number; predicted: number }>;
  majorityBaseline: { tagSet: string[]; microF1: number; macroF1: number; anyDisclosureF1?: number };
  /** identity only: does the turn disclose anything. */
  anyDisclosureF1?: number;
  /**
   * TVD × 100 between the predicted and the labelled distribution of each measure on these turns (unit
   * of mass as the measure defines it): the error a real-vs-simulated distance inherits from the annotator.
   */
  distributionTvd: Record<string, number>;
}

const round = (value: number, digits = 4) => Number(value.toFixed(digits));

/** Occurrences of each measure's categories over turns, from each turn's tags (see TurnLabelSpec.turnMeasures). */
export type TurnMeasures = (tagsPerTurn: ReadonlyArray<readonly string[]>) => Record<string, string[]>;

function countsOf(occurrences: readonly string[], categories: readonly string[]): Float64Array {
  const counts = new Float64Array(categories.length);
  for (const occurrence of occurrences) {
    const index = categories.indexOf(occurrence);
    if (index >= 0) counts[index] = (counts[index] as number) + 1;
  }
  return counts;
}

/** TVD × 100 between two occurrence lists over the union of their categories (null when one side is empty). */
export function occurrenceTvd(first: readonly string[], second: readonly string[]): number | null {
  const categories = [...new Set([...first, ...second])].sort();
  const distance = totalVariationDistanceOfCounts(countsOf(first, categories), countsOf(second, categories));
  return distance === null ? null : round(100 * distance, 2);
}

export function validityFigures(pairs: readonly MultiLabelPair[], tags: readonly string[], measures: TurnMeasures, options: { anyDisclosure?: boolean } = {}): ValidityFigures {
  const score = scoreMultiLabel(pairs, tags);
  const baselinePairs = majorityBaselinePairs(pairs);
  const baseline = scoreMultiLabel(baselinePairs, tags);
  const gold = measures(pairs.map((pair) => pair.gold));
  const predicted = measures(pairs.map((pair) => pair.predicted));
  const distributionTvd: Record<string, number> = {};
  for (const measure of Object.keys(gold)) {
    const distance = occurrenceTvd(gold[measure] ?? [], predicted[measure] ?? []);
    if (distance !== null) distributionTvd[measure] = distance;
  }
  const perTag: ValidityFigures['perTag'] = {};
  for (const [tag, tagScore] of Object.entries(score.perTag)) {
    perTag[tag] = { precision: round(tagScore.precision), recall: round(tagScore.recall), f1: round(tagScore.f1), support: tagScore.support, predicted: tagScore.predicted };
  }
  const figures: ValidityFigures = {
    turns: pairs.length,
    microF1: round(score.microF1),
    macroF1: round(score.macroF1),
    perTag,
    majorityBaseline: { tagSet: majorityTagSet(pairs.map((pair) => pair.gold)), microF1: round(baseline.microF1), macroF1: round(baseline.macroF1) },
    distributionTvd,
  };
  if (options.anyDisclosure) {
    figures.anyDisclosureF1 = round(anyDisclosureF1(pairs).f1);
    figures.majorityBaseline.anyDisclosureF1 = round(anyDisclosureF1(baselinePairs).f1);
  }
  return figures;
}
