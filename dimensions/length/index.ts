import type { DialogueAnnotation, DimensionAnnotator, DimensionModule } from '../../src/core/dimension.js';
import { userTurnTexts, type Dialogue } from '../../src/core/dialogue.js';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';
import { countWhitespaceWords } from './count-whitespace-words.js';

export const lengthBackends = ['whitespace'] as const;

/** Written into every row produced by this dimension. */
export const lengthBackendDescription = 'whitespace word count (realsim 0.1.0)';

/**
 * One dialogue's length: user words (plain whitespace count, summed over user turns) and user turns
 * (every user message counts, empty ones included: sending an empty message is real behaviour).
 * Assistant turns and aside (system/tool) messages are never counted.
 */
export function annotateDialogueLength(dialogue: Dialogue): DialogueAnnotation {
  const texts = userTurnTexts(dialogue);
  const wordsPerTurn = texts.map(countWhitespaceWords);
  const userWords = wordsPerTurn.reduce((sum, words) => sum + words, 0);
  return {
    dialogueId: dialogue.id,
    numeric: { user_words: userWords, user_turns: texts.length },
    categorical: {},
    userTurns: wordsPerTurn.map((words, index) => ({ userTurn: index + 1, words })),
  };
}

export const dimension: DimensionModule = {
  definition: {
    id: 'length',
    level: 'surface-form',
    title: 'Length',
    description:
      'How much users write: user words per dialogue (plain whitespace word count over all user turns) and ' +
      'the number of user turns per dialogue. Headline unit: one value per dialogue.',
    measures: [
      {
        id: 'user_words',
        scale: 'numeric',
        unit: 'words per dialogue',
        description:
          'Sum over the dialogue\'s user turns of text.trim().split(/\\s+/).length (empty text = 0 words); ' +
          'assistant, system and tool messages are not counted.',
      },
      {
        id: 'user_turns',
        scale: 'numeric',
        unit: 'user turns per dialogue',
        description: 'Number of user messages in the dialogue, empty messages included.',
      },
    ],
    /** Headline: words per dialogue: how much users write, the quantity simulators get most wrong. */
    headlineMeasure: 'user_words',
  },
  backends: [...lengthBackends],
  async createAnnotator(backend: string): Promise<DimensionAnnotator> {
    if (!(lengthBackends as readonly string[]).includes(backend)) {
      throw new RealsimError(
        'USAGE',
        `length backend: expected one of ${lengthBackends.map((name) => `"${name}"`).join(', ')}, found ${quoteForMessage(backend)}`,
      );
    }
    return {
      backend: lengthBackendDescription,
      // Instant (a split per message), so no progress line and no cache.
      async annotate(dialogues) {
        return dialogues.map(annotateDialogueLength);
      },
    };
  },
};
