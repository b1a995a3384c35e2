import type { DimensionAnnotator, DimensionModule } from '../../src/core/dimension.js';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';
import { annotateLinguisticDialogue } from './annotate-linguistic-dialogue.js';

export const linguisticBackends = ['text-readability'] as const;

/** text-readability's version is pinned in package-lock; a test checks this string against node_modules. */
export const linguisticBackendDescription =
  'text-readability@1.1.1 counts, Flesch–Kincaid unrounded; MTLD threshold 0.72 bidirectional, lower-case word tokens (realsim 0.1.0)';

export const dimension: DimensionModule = {
  definition: {
    id: 'linguistic',
    level: 'surface-form',
    title: 'Linguistic style',
    description:
      'Readability (Flesch–Kincaid grade) and lexical diversity (MTLD) of the user text. Headline unit: ' +
      'one value per dialogue over all its user text (flesch_kincaid_grade, mtld); the per-message means ' +
      '(flesch_kincaid_grade_per_message, mtld_per_message) are secondary views. Null when undefined.',
    measures: [
      {
        id: 'flesch_kincaid_grade',
        scale: 'numeric',
        unit: 'US school grade (per dialogue)',
        description:
          'Headline. Flesch–Kincaid grade 0.39·words/sentences + 11.8·syllables/words − 15.59 with text-readability ' +
          'word, sentence and syllable counts summed over the dialogue\'s user messages (each message is counted ' +
          'separately, so a turn boundary ends a sentence); not rounded. Null when the user text has no words.',
      },
      {
        id: 'mtld',
        scale: 'numeric',
        unit: 'MTLD (tokens per factor, per dialogue)',
        description:
          'Headline. MTLD (McCarthy & Jarvis 2010), TTR threshold 0.72, mean of forward and backward passes with a ' +
          'partial last factor, over the lower-case word tokens of all user turns in order. Null when there are no ' +
          'tokens or no token repeats (factor count 0).',
      },
      {
        id: 'flesch_kincaid_grade_per_message',
        scale: 'numeric',
        unit: 'US school grade (mean per user message)',
        description:
          'Mean over the dialogue\'s user messages that have at least one word of each message\'s Flesch–Kincaid grade. ' +
          'Null when no message has a word.',
      },
      {
        id: 'mtld_per_message',
        scale: 'numeric',
        unit: 'MTLD (mean per user message)',
        description:
          'Mean over the dialogue\'s user messages where MTLD is defined (at least one repeated token) of each ' +
          'message\'s MTLD. Short messages without repetition have no MTLD and are left out; null when none is defined.',
      },
    ],
    /** Headline: lexical diversity separates real from simulated users more than readability grade, which moves little between them. */
    headlineMeasure: 'mtld',
  },
  backends: [...linguisticBackends],
  async createAnnotator(backend: string): Promise<DimensionAnnotator> {
    if (!(linguisticBackends as readonly string[]).includes(backend)) {
      throw new RealsimError(
        'USAGE',
        `linguistic backend: expected one of ${linguisticBackends.map((name) => `"${name}"`).join(', ')}, found ${quoteForMessage(backend)}`,
      );
    }
    return {
      backend: linguisticBackendDescription,
      async annotate(dialogues, context) {
        const task = context.progress.start('linguistic', dialogues.length);
        const annotations = dialogues.map((dialogue) => {
          const annotation = annotateLinguisticDialogue(dialogue);
          task.tick();
          return annotation;
        });
        task.done();
        return annotations;
      },
    };
  },
};
