import { scoreMultiLabel, type MultiLabelPair, type MultiLabelScore } from './score-multi-label.js';

/**
 * The majority-class baseline of a multi-label task: predict, for every item, the single most frequent
 * gold tag SET (e.g. ["no_feedback"] for feedback, [] for identity). Ties are broken by the set's
 * sorted, comma-joined key (alphabetical), so the baseline is deterministic.
 * It uses the gold labels it is scored on, so it is an optimistic baseline.
 */
export function majorityTagSet(goldSets: ReadonlyArray<readonly string[]>): string[] {
  const counts = new Map<string, { tags: string[]; count: number }>();
  for (const gold of goldSets) {
    const tags = [...new Set(gold)].sort();
    const key = tags.join(',');
    const entry = counts.get(key);
    if (entry) entry.count += 1;
    else counts.set(key, { tags, count: 1 });
  }
  let best: { key: string; tags: string[]; count: number } | undefined;
  for (const [key, entry] of counts) {
    if (!best || entry.count > best.count || (entry.count === best.count && key < best.key)) {
      best = { key, ...entry };
    }
  }
  return best ? best.tags : [];
}

export function majorityBaselinePairs(pairs: readonly MultiLabelPair[]): MultiLabelPair[] {
  const majority = majorityTagSet(pairs.map((pair) => pair.gold));
  return pairs.map((pair) => ({ gold: pair.gold, predicted: majority }));
}

export function scoreMajorityBaseline(pairs: readonly MultiLabelPair[], tags: readonly string[]): MultiLabelScore {
  return scoreMultiLabel(majorityBaselinePairs(pairs), tags);
}
