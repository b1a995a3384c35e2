import type { Dialogue } from '../../src/core/dialogue.js';
import type { DialogueAnnotation } from '../../src/core/dimension.js';
import { userTurnsWithContext } from '../intent/user-turns-with-context.js';
import { detectIdentity } from './detect-identity.js';
import { identityMeasuresFromTurns } from './identity-measures.js';

/**
 * Annotates one dialogue: categories and quotes per user turn; per-turn occurrences (a turn revealing
 * nothing adds one "none"); the dialogue's union (or one "none"); and the share of disclosing turns.
 */
export function annotateIdentityDialogue(dialogue: Dialogue): DialogueAnnotation {
  const detections = userTurnsWithContext(dialogue).map((userTurn) => ({ turn: userTurn.turn, ...detectIdentity(userTurn.text) }));
  return {
    dialogueId: dialogue.id,
    ...identityMeasuresFromTurns(detections.map((detection) => detection.categories)),
    userTurns: detections.map((detection) => ({ turn: detection.turn, identity: detection.categories, identityQuotes: detection.quotes })),
  };
}
