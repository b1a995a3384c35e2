import { createHash } from 'node:crypto';
import type { Dialogue } from '../core/dialogue.js';

/**
 * sha256 of what a set's dialogues say, independent of the files they came from: per dialogue, in order, its id,
 * domain, scenario id and turns (role and text), as JSON lines. A MirrorBench pairs file holds the real and the
 * simulated dialogues, so its file hash changes when only the simulator does; this one changes only with the
 * real dialogues themselves (`realsim compare` checks it).
 */
export function dialogueContentHash(dialogues: readonly Dialogue[]): string {
  const hash = createHash('sha256');
  for (const dialogue of dialogues) {
    hash.update(JSON.stringify([dialogue.id, dialogue.domain, dialogue.scenarioId ?? null, dialogue.turns.map((turn) => [turn.role, turn.text])]));
    hash.update('\n');
  }
  return hash.digest('hex');
}
