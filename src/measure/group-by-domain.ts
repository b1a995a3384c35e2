import type { MeasuredDialogue } from './measured-set.js';
import { compareText } from './compare-text.js';

/** Dialogues per domain, domains in code-unit order, dialogues in input order. */
export function groupByDomain<Item extends Pick<MeasuredDialogue, 'domain'>>(items: readonly Item[]): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const group = groups.get(item.domain);
    if (group) group.push(item);
    else groups.set(item.domain, [item]);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => compareText(a, b)));
}
