import type { Dialogue } from '../../src/core/dialogue.js';
import type { DialogueAnnotation } from '../../src/core/dimension.js';
import { detectIntents } from './detect-intents.js';
import { userTurnsWithContext } from './user-turns-with-context.js';

export const REQUEST_CATEGORY = 'request';
export const NO_REQUEST_CATEGORY = 'none';

/** The intent annotation of a dialogue from the tags of each user turn (every backend builds it this way). */
export function intentAnnotationFromTurnTags(dialogueId: string, tagsPerTurn: ReadonlyArray<readonly string[]>): DialogueAnnotation {
  return {
    dialogueId,
    numeric: {},
    categorical: {
      intent: tagsPerTurn.flat(),
      request_presence: tagsPerTurn.map((tags) => (tags.length > 0 ? REQUEST_CATEGORY : NO_REQUEST_CATEGORY)),
    },
    userTurns: tagsPerTurn.map((tags, index) => ({ turn: index + 1, intent: [...tags] })),
  };
}

/** Annotates one dialogue with the rules: intent tags per user turn, tag occurrences and request presence per turn. */
export function annotateIntentDialogue(dialogue: Dialogue): DialogueAnnotation {
  const tagsPerTurn: string[][] = [];
  let previousIntents: string[] = [];
  for (const userTurn of userTurnsWithContext(dialogue)) {
    const intents = detectIntents(userTurn.text, previousIntents, userTurn.previousAssistantText);
    tagsPerTurn.push(intents);
    previousIntents = intents;
  }
  return intentAnnotationFromTurnTags(dialogue.id, tagsPerTurn);
}
