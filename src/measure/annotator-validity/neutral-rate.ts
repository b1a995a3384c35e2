/**
 * Share of items (user turns) that are all-neutral, in the labels and in the predictions.
 * An item is all-neutral when every tag it carries is "neutral" (an empty list counts as neutral:
 * an empty turn expresses no emotion). Values are fractions in [0, 1] of the scored items.
 */
export interface NeutralRate {
  labels: number;
  predicted: number;
  items: number;
}

export function isAllNeutral(tags: readonly string[], neutralTag = 'neutral'): boolean {
  return tags.every((tag) => tag === neutralTag);
}

export function neutralRate(
  pairs: ReadonlyArray<{ gold: readonly string[]; predicted: readonly string[] }>,
  neutralTag = 'neutral',
): NeutralRate {
  if (pairs.length === 0) return { labels: 0, predicted: 0, items: 0 };
  let labelled = 0;
  let predicted = 0;
  for (const pair of pairs) {
    if (isAllNeutral(pair.gold, neutralTag)) labelled += 1;
    if (isAllNeutral(pair.predicted, neutralTag)) predicted += 1;
  }
  return { labels: labelled / pairs.length, predicted: predicted / pairs.length, items: pairs.length };
}
