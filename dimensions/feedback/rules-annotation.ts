import type { Dialogue } from '../../src/core/dialogue.js';
import type { DialogueAnnotation } from '../../src/core/dimension.js';
import { userTurnsWithContext } from '../intent/user-turns-with-context.js';
import { detectFeedback } from './detect-feedback.js';
import { repetitionTurnWords } from './find-repeated-request.js';

/** The feedback annotation of a dialogue from the tags of each user turn (every backend builds it this way). */
export function feedbackAnnotationFromTurnTags(dialogueId: string, tagsPerTurn: ReadonlyArray<readonly string[]>): DialogueAnnotation {
  return {
    dialogueId,
    numeric: {},
    categorical: { feedback: tagsPerTurn.flat() },
    userTurns: tagsPerTurn.map((tags, index) => ({ turn: index + 1, feedback: [...tags] })),
  };
}

/** Annotates one dialogue with the rules: feedback tags per user turn (the first is always no_feedback). */
export function annotateFeedbackDialogue(dialogue: Dialogue): DialogueAnnotation {
  const turns = userTurnsWithContext(dialogue);
  const userTexts = turns.map((turn) => turn.text);
  const repetitionWords = userTexts.map(repetitionTurnWords);
  return feedbackAnnotationFromTurnTags(
    dialogue.id,
    turns.map((userTurn, index) => detectFeedback({ userTexts, index, previousAssistantText: userTurn.previousAssistantText, repetitionWords })),
  );
}
