import type { Dialogue } from '../../src/core/dialogue.js';
import type { DialogueAnnotation, DimensionModule } from '../../src/core/dimension.js';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';
import { userTurnsWithContext } from '../intent/user-turns-with-context.js';
import { detectIdentity } from './detect-identity.js';
import { IDENTITY_CATEGORIES } from './identity-categories.js';
import { identityMeasuresFromTurns } from './identity-measures.js';
import { createIdentityLlmAnnotator } from './llm-annotator.js';

export const IDENTITY_RULES_BACKEND = 'identity-rules@1 (local first-person regex cues, GUIDE.md §3)';

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

export const dimension: DimensionModule = {
  definition: {
    id: 'identity',
    level: 'user-state',
    title: 'Identity disclosure',
    description:
      'What users reveal about themselves (GUIDE.md §3): demographic, physical, relationships, preferences, past, future, worldview, each with a supporting quote; "none" is part of every distribution, since over-disclosure is the finding.',
    measures: [
      {
        id: 'identity_turn',
        scale: 'categorical',
        unitOfMass: 'user turn',
        categories: [...IDENTITY_CATEGORIES],
        includesNone: true,
        description:
          'Per user turn: a turn revealing nothing adds one "none"; a turn revealing k categories adds one occurrence of each (k ≥ 2 is rare), so the mass is user turns, split by category.',
      },
      {
        id: 'identity_dialogue',
        scale: 'categorical',
        unitOfMass: 'dialogue',
        categories: [...IDENTITY_CATEGORIES],
        includesNone: true,
        description: 'Per dialogue: the union of categories over its user turns (one occurrence each), or one "none" when no turn reveals anything.',
      },
      {
        id: 'disclosing_turn_percent',
        scale: 'numeric',
        unit: 'percent of user turns per dialogue',
        description: 'Share of a dialogue’s user turns that reveal at least one category (null for a dialogue without user turns).',
      },
    ],
  },
  backends: ['rules', 'llm'],
  async createAnnotator(backend, options) {
    if (backend === 'llm') return createIdentityLlmAnnotator(options);
    if (backend !== 'rules') {
      throw new RealsimError('USAGE', `--backend for identity: expected one of "rules", "llm", found ${quoteForMessage(backend)}`);
    }
    return {
      backend: IDENTITY_RULES_BACKEND,
      async annotate(dialogues, context) {
        const task = context.progress.start('identity', dialogues.length);
        const annotations = dialogues.map((dialogue) => {
          const annotation = annotateIdentityDialogue(dialogue);
          task.tick();
          return annotation;
        });
        task.done();
        return annotations;
      },
    };
  },
};
