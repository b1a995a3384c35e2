import type { Dialogue } from '../../src/core/dialogue.js';
import type { DialogueAnnotation, DimensionModule } from '../../src/core/dimension.js';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';
import { userTurnsWithContext } from '../intent/user-turns-with-context.js';
import { detectFeedback } from './detect-feedback.js';
import { FEEDBACK_TAGS } from './feedback-tags.js';
import { createFeedbackLlmAnnotator } from './llm-annotator.js';

export const FEEDBACK_RULES_BACKEND = 'feedback-rules@1 (local regex cues + turn repetition, GUIDE.md §2)';

/** Annotates one dialogue: feedback tags per user turn (the first is always no_feedback). */
export function annotateFeedbackDialogue(dialogue: Dialogue): DialogueAnnotation {
  const turns = userTurnsWithContext(dialogue);
  const userTexts = turns.map((turn) => turn.text);
  const tagOccurrences: string[] = [];
  const userTurns: Array<Record<string, unknown>> = [];
  turns.forEach((userTurn, index) => {
    const feedback = detectFeedback({ userTexts, index, previousAssistantText: userTurn.previousAssistantText });
    tagOccurrences.push(...feedback);
    userTurns.push({ turn: userTurn.turn, feedback });
  });
  return { dialogueId: dialogue.id, numeric: {}, categorical: { feedback: tagOccurrences }, userTurns };
}

export const dimension: DimensionModule = {
  definition: {
    id: 'feedback',
    level: 'communicative-function',
    title: 'Feedback',
    description:
      "The user's reaction to the previous chatbot turn (GUIDE.md §2): 7 tags, multi-label per user turn; the first user turn is always no_feedback.",
    measures: [
      {
        id: 'feedback',
        scale: 'categorical',
        unitOfMass: 'tag occurrence',
        categories: [...FEEDBACK_TAGS],
        includesNone: false,
        description:
          'One occurrence per (user turn, feedback tag). Every user turn has at least one tag: no_feedback is itself a category (a turn that reacts to nothing), so no separate "none" is needed.',
      },
    ],
  },
  backends: ['rules', 'llm'],
  async createAnnotator(backend, options) {
    if (backend === 'llm') return createFeedbackLlmAnnotator(options);
    if (backend !== 'rules') {
      throw new RealsimError('USAGE', `--backend for feedback: expected one of "rules", "llm", found ${quoteForMessage(backend)}`);
    }
    return {
      backend: FEEDBACK_RULES_BACKEND,
      async annotate(dialogues, context) {
        const task = context.progress.start('feedback', dialogues.length);
        const annotations = dialogues.map((dialogue) => {
          const annotation = annotateFeedbackDialogue(dialogue);
          task.tick();
          return annotation;
        });
        task.done();
        return annotations;
      },
    };
  },
};
