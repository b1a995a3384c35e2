import type { DimensionDefinition } from '../core/dimension.js';
import type { CorrelationRow } from '../core/report-rows.js';
import { correlateAcrossDomains } from './correlate-across-domains.js';
import { deriveSeed } from './derive-seed.js';
import type { MeasuredDialogue, MeasuredSet } from './measured-set.js';
import { createSeededRandom } from './seeded-random.js';

/**
 * Split-half reliability of a real set's domain profiles: the set's dialogues are split into two random
 * halves within each domain (seeded), and the per-domain profile (mean, or category share) of one half is
 * correlated with the other's across domains (Pearson r, bootstrap interval). It is the real-vs-real
 * reference for the across-domain Pearson r of a simulator: real users themselves reach about this r, so a
 * simulator cannot be expected to exceed it; a low value means the domain-to-domain variation of that measure
 * is mostly noise at this sample size. Rows carry the set name in `real` and "<set> (other half)" in `simulated`.
 */
export function splitHalfDomainReliability(input: {
  set: MeasuredSet;
  definitions: DimensionDefinition[];
  seed: number;
  resamples: number;
}): CorrelationRow[] {
  const random = createSeededRandom(deriveSeed(input.seed, 'split-half', input.set.name));
  const byDomain = new Map<string, MeasuredDialogue[]>();
  for (const dialogue of input.set.dialogues) {
    const list = byDomain.get(dialogue.domain);
    if (list) list.push(dialogue);
    else byDomain.set(dialogue.domain, [dialogue]);
  }
  const halfA: MeasuredDialogue[] = [];
  const halfB: MeasuredDialogue[] = [];
  for (const domain of [...byDomain.keys()].sort()) {
    const dialogues = [...(byDomain.get(domain) ?? [])];
    for (let index = dialogues.length - 1; index > 0; index -= 1) {
      const swap = Math.floor(random() * (index + 1));
      [dialogues[index], dialogues[swap]] = [dialogues[swap] as MeasuredDialogue, dialogues[index] as MeasuredDialogue];
    }
    const middle = Math.floor(dialogues.length / 2);
    halfA.push(...dialogues.slice(0, middle));
    halfB.push(...dialogues.slice(middle));
  }
  const otherHalfName = `${input.set.name} (other half)`;
  return correlateAcrossDomains({
    real: { ...input.set, dialogues: halfA },
    simulated: { ...input.set, name: otherHalfName, kind: 'real', dialogues: halfB },
    definitions: input.definitions,
    seed: input.seed,
    resamples: input.resamples,
    // The halves are read from the set's samples (already read for its summaries) instead of again.
    source: input.set.dialogues,
  });
}
