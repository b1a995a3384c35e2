import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Dialogue } from '../core/dialogue.js';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import type { LabelRecord, LabelTurn } from '../measure/annotator-validity/read-reference-labels.js';

/** A labelled dialogue joined with its text. */
export interface LabelledDialogue {
  /** The label record's key: "<file>[<index>]", "<pair_id>:<side>" or the conversation id. */
  key: string;
  domain: string;
  /**
   * Cross-validation group: dialogues of one group are always in the same fold. Identical dialogues
   * (the realsim set holds copies) share a group, and the two sides of a pair share one, so no fold
   * is tested on a text its model saw.
   */
  group: string;
  dialogue: Dialogue;
  /** Labels by 1-based user turn. */
  labels: Map<number, LabelTurn>;
}

/** sha256 over roles and texts: the same dialogue text gives the same key whichever file it came from. */
export function dialogueContentKey(dialogue: Dialogue): string {
  const hash = createHash('sha256');
  for (const turn of dialogue.turns) hash.update(`${turn.role}\u0000${turn.text}\u0001`);
  return hash.digest('hex').slice(0, 24);
}

function recordKey(record: LabelRecord): string {
  const locator = record.locator;
  if (locator?.kind === 'file-record') return `${locator.file}[${locator.index}]`;
  if (locator?.kind === 'pair-side') return `${locator.pairId}:${locator.side}`;
  return record.conversationId;
}

/** Strips the marks the loader adds to repeated ids ("<stem>/<id>", "<id>#2"). */
function rawDialogueId(id: string): string {
  return id.replace(/^[^/]*\//, '').replace(/#\d+$/, '');
}

/**
 * Finds the dialogue of every label record among loaded dialogues: a file record by file name and record
 * index, a pair side by pair id (the scenario id of pair-file dialogues) and side, anything else by
 * conversation id (preferring the label's domain, then as many user turns as were labelled). A record
 * whose dialogue is missing, or that labels a user turn the dialogue does not have, is an error naming
 * the labels file and line: training on labels joined to the wrong text would be silent garbage.
 */
export function joinLabelsToDialogues(records: readonly LabelRecord[], dialogues: readonly Dialogue[], domainOf: (record: LabelRecord, dialogue: Dialogue) => string): LabelledDialogue[] {
  const byFileRecord = new Map<string, Dialogue>();
  const byPairSide = new Map<string, Dialogue>();
  const byRawId = new Map<string, Dialogue[]>();
  for (const dialogue of dialogues) {
    if (dialogue.origin.recordIndex !== undefined && dialogue.origin.format !== 'mirrorbench-pairs') {
      byFileRecord.set(`${basename(dialogue.origin.file)}[${dialogue.origin.recordIndex}]`, dialogue);
    }
    if (dialogue.origin.format === 'mirrorbench-pairs' && dialogue.scenarioId !== undefined) {
      byPairSide.set(`${dialogue.scenarioId}:${dialogue.source === 'real' ? 'real' : 'simulated'}`, dialogue);
    }
    const raw = rawDialogueId(dialogue.id);
    byRawId.set(raw, [...(byRawId.get(raw) ?? []), dialogue]);
  }
  const userTurnCount = (dialogue: Dialogue) => dialogue.turns.filter((turn) => turn.role === 'user').length;
  const joined: LabelledDialogue[] = [];
  for (const record of records) {
    const key = recordKey(record);
    const where = `${record.origin.file}:${record.origin.line}`;
    let dialogue: Dialogue | undefined;
    if (record.locator?.kind === 'file-record') dialogue = byFileRecord.get(key);
    else if (record.locator?.kind === 'pair-side') dialogue = byPairSide.get(key);
    else {
      const labelled = Math.max(0, ...record.turns.map((turn) => turn.turn));
      const score = (candidate: Dialogue) => (candidate.domain === record.domain ? 2 : 0) + (userTurnCount(candidate) === labelled ? 1 : 0);
      dialogue = [...(byRawId.get(record.conversationId) ?? [])].sort((a, b) => score(b) - score(a))[0];
    }
    if (!dialogue) {
      throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected a dialogue for the labels of ${quoteForMessage(key)} among the loaded dialogues, found none`);
    }
    const available = userTurnCount(dialogue);
    const labels = new Map<number, LabelTurn>();
    for (const turn of record.turns) {
      if (turn.turn > available) {
        throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected user turns 1–${available} for ${quoteForMessage(key)}, found a label for turn ${turn.turn}`);
      }
      labels.set(turn.turn, turn);
    }
    joined.push({ key, domain: domainOf(record, dialogue), group: '', dialogue, labels });
  }
  assignGroups(joined, records);
  return joined;
}

/** Groups by content (copies together), then merges the groups of the two sides of a pair. */
function assignGroups(joined: LabelledDialogue[], records: readonly LabelRecord[]): void {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(key, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const rootA = find(a);
    const rootB = find(b);
    if (rootA !== rootB) parent.set(rootA < rootB ? rootB : rootA, rootA < rootB ? rootA : rootB);
  };
  const contentKeys = joined.map((entry) => `content:${dialogueContentKey(entry.dialogue)}`);
  for (const key of contentKeys) if (!parent.has(key)) parent.set(key, key);
  records.forEach((record, index) => {
    if (record.locator?.kind === 'pair-side') {
      const pairKey = `pair:${record.locator.pairId}`;
      if (!parent.has(pairKey)) parent.set(pairKey, pairKey);
      union(pairKey, contentKeys[index] as string);
    }
  });
  joined.forEach((entry, index) => {
    entry.group = find(contentKeys[index] as string);
  });
}
