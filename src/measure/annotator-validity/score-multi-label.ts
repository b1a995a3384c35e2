/**
 * Precision, recall and F1 of a multi-label tagger against gold labels, per tag and pooled.
 *
 * Conventions (stated so numbers are reproducible):
 * - precision = tp / (tp + fp), recall = tp / (tp + fn), f1 = 2pr / (p + r); a ratio whose denominator
 *   is 0 is reported as 0 (no predictions → precision 0; no gold → recall 0).
 * - microF1 pools tp, fp and fn over all tags.
 * - macroF1 is the mean of per-tag F1 over the tags that occur in the gold labels OR the predictions;
 *   a tag that neither side uses has no defined F1 and is left out (listed in `tagsWithoutData`).
 * - A tag outside `tags` (on either side) is not scored; it is counted in `unknownTags`.
 */
export interface TagScore {
  precision: number;
  recall: number;
  f1: number;
  /** Gold occurrences of the tag (units: labelled items carrying the tag). */
  support: number;
  /** Predicted occurrences of the tag. */
  predicted: number;
}

/** A frequent mix-up: a gold tag the tagger missed on an item where it predicted another tag instead. */
export interface ConfusionEntry {
  /** The missed gold tag, or "(none)" for a spurious prediction on an item with nothing missed. */
  gold: string;
  /** The spurious predicted tag, or "(none)" for a miss with nothing spurious on the item. */
  predicted: string;
  /** Number of items showing this (gold → predicted) pair. */
  count: number;
}

export interface MultiLabelScore {
  /** Number of labelled items (e.g. user turns). */
  items: number;
  /** Items whose predicted tag set equals the gold set exactly. */
  exactMatchRate: number;
  microF1: number;
  microPrecision: number;
  microRecall: number;
  macroF1: number;
  perTag: Record<string, TagScore>;
  tagsWithoutData: string[];
  unknownTags: Record<string, number>;
  /** Most frequent (gold → predicted) mix-ups, most frequent first, at most `confusionLimit`. */
  confusion: ConfusionEntry[];
}

export interface MultiLabelPair {
  gold: readonly string[];
  predicted: readonly string[];
}

export const NONE_IN_CONFUSION = '(none)';

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

function harmonicMean(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

export function scoreMultiLabel(
  pairs: readonly MultiLabelPair[],
  tags: readonly string[],
  options: { confusionLimit?: number } = {},
): MultiLabelScore {
  const confusionLimit = options.confusionLimit ?? 10;
  const known = new Set(tags);
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  for (const tag of tags) counts.set(tag, { tp: 0, fp: 0, fn: 0 });
  const unknownTags: Record<string, number> = {};
  const confusionCounts = new Map<string, number>();
  let exactMatches = 0;

  for (const pair of pairs) {
    const gold = new Set(pair.gold.filter((tag) => known.has(tag)));
    const predicted = new Set(pair.predicted.filter((tag) => known.has(tag)));
    for (const tag of [...pair.gold, ...pair.predicted]) {
      if (!known.has(tag)) unknownTags[tag] = (unknownTags[tag] ?? 0) + 1;
    }
    const missed: string[] = [];
    const spurious: string[] = [];
    for (const tag of gold) {
      const count = counts.get(tag)!;
      if (predicted.has(tag)) count.tp += 1;
      else {
        count.fn += 1;
        missed.push(tag);
      }
    }
    for (const tag of predicted) {
      if (!gold.has(tag)) {
        counts.get(tag)!.fp += 1;
        spurious.push(tag);
      }
    }
    if (missed.length === 0 && spurious.length === 0) exactMatches += 1;
    const goldSide = missed.length > 0 ? missed : [NONE_IN_CONFUSION];
    const predictedSide = spurious.length > 0 ? spurious : [NONE_IN_CONFUSION];
    if (missed.length + spurious.length > 0) {
      for (const goldTag of goldSide) {
        for (const predictedTag of predictedSide) {
          const key = `${goldTag}\u0000${predictedTag}`;
          confusionCounts.set(key, (confusionCounts.get(key) ?? 0) + 1);
        }
      }
    }
  }

  const perTag: Record<string, TagScore> = {};
  const tagsWithoutData: string[] = [];
  let totalTp = 0;
  let totalFp = 0;
  let totalFn = 0;
  let macroSum = 0;
  let macroCount = 0;
  for (const tag of tags) {
    const { tp, fp, fn } = counts.get(tag)!;
    totalTp += tp;
    totalFp += fp;
    totalFn += fn;
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    const f1 = harmonicMean(precision, recall);
    perTag[tag] = { precision, recall, f1, support: tp + fn, predicted: tp + fp };
    if (tp + fp + fn === 0) tagsWithoutData.push(tag);
    else {
      macroSum += f1;
      macroCount += 1;
    }
  }
  const microPrecision = ratio(totalTp, totalTp + totalFp);
  const microRecall = ratio(totalTp, totalTp + totalFn);
  const confusion = [...confusionCounts.entries()]
    .map(([key, count]) => {
      const [gold, predicted] = key.split('\u0000') as [string, string];
      return { gold, predicted, count };
    })
    .sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold) || a.predicted.localeCompare(b.predicted))
    .slice(0, confusionLimit);

  return {
    items: pairs.length,
    exactMatchRate: ratio(exactMatches, pairs.length),
    microF1: harmonicMean(microPrecision, microRecall),
    microPrecision,
    microRecall,
    macroF1: ratio(macroSum, macroCount),
    perTag,
    tagsWithoutData,
    unknownTags,
    confusion,
  };
}
