import type { Dialogue } from '../../src/core/dialogue.js';
import type { DialogueAnnotation, DimensionModule } from '../../src/core/dimension.js';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';
import { detectIntents } from './detect-intents.js';
import { INTENT_TAGS } from './intent-tags.js';
import { userTurnsWithContext } from './user-turns-with-context.js';
import { createIntentLlmAnnotator } from './llm-annotator.js';

export const INTENT_RULES_BACKEND = 'intent-rules@1 (local regex cue phrases from GUIDE.md §1)';
export const REQUEST_CATEGORY = 'request';
export const NO_REQUEST_CATEGORY = 'none';

/** Annotates one dialogue: intent tags per user turn, tag occurrences and request presence per turn. */
export function annotateIntentDialogue(dialogue: Dialogue): DialogueAnnotation {
  const tagOccurrences: string[] = [];
  const requestPresence: string[] = [];
  const userTurns: Array<Record<string, unknown>> = [];
  let previousIntents: string[] = [];
  for (const userTurn of userTurnsWithContext(dialogue)) {
    const intents = detectIntents(userTurn.text, previousIntents, userTurn.previousAssistantText);
    tagOccurrences.push(...intents);
    requestPresence.push(intents.length > 0 ? REQUEST_CATEGORY : NO_REQUEST_CATEGORY);
    userTurns.push({ turn: userTurn.turn, intent: intents });
    previousIntents = intents;
  }
  return {
    dialogueId: dialogue.id,
    numeric: {},
    categorical: { intent: tagOccurrences, request_presence: requestPresence },
    userTurns,
  };
}

export const dimension: DimensionModule = {
  definition: {
    id: 'intent',
    level: 'communicative-function',
    title: 'Intent',
    description:
      'What the user is trying to get done with each request in a user turn (GUIDE.md §1): 9 tags, multi-label per user turn; a turn with no request gets no tag.',
    measures: [
      {
        id: 'intent',
        scale: 'categorical',
        unitOfMass: 'tag occurrence',
        categories: [...INTENT_TAGS],
        includesNone: false,
        description:
          'One occurrence per (user turn, intent tag): a turn with two kinds of request adds two, a turn with no request adds none (its share is in request_presence).',
      },
      {
        id: 'request_presence',
        scale: 'categorical',
        unitOfMass: 'user turn',
        categories: [REQUEST_CATEGORY],
        includesNone: true,
        description: 'One occurrence per user turn: "request" when the turn asks for anything, "none" otherwise (acknowledgements, bare statements, empty turns).',
      },
    ],
  },
  backends: ['rules', 'llm'],
  async createAnnotator(backend, options) {
    if (backend === 'llm') return createIntentLlmAnnotator(options);
    if (backend !== 'rules') {
      throw new RealsimError('USAGE', `--backend for intent: expected one of "rules", "llm", found ${quoteForMessage(backend)}`);
    }
    return {
      backend: INTENT_RULES_BACKEND,
      async annotate(dialogues, context) {
        const task = context.progress.start('intent', dialogues.length);
        const annotations = dialogues.map((dialogue) => {
          const annotation = annotateIntentDialogue(dialogue);
          task.tick();
          return annotation;
        });
        task.done();
        return annotations;
      },
    };
  },
};
