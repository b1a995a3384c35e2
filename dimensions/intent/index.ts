import type { DimensionModule } from '../../src/core/dimension.js';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';
import { REQUEST_CATEGORY, NO_REQUEST_CATEGORY, intentAnnotationFromTurnTags, annotateIntentDialogue } from './rules-annotation.js';
import { INTENT_TAGS } from './intent-tags.js';
import { createIntentLlmAnnotator } from './llm-annotator.js';
import { createTrainedTurnAnnotator, rulesDistributionError } from '../../src/learn/trained-turn-annotator.js';
import { describeTrainedModel } from '../../src/learn/describe-trained-model.js';
import { intentTurnSpec } from './trained-turn-spec.js';

export const INTENT_RULES_BACKEND = 'intent-rules@1 (local regex cue phrases from GUIDE.md §1)';
export { REQUEST_CATEGORY, NO_REQUEST_CATEGORY, intentAnnotationFromTurnTags, annotateIntentDialogue };

export const dimension: DimensionModule = {
  definition: {
    id: 'intent',
    level: 'communicative-function',
    title: 'Intent',
    description:
      'What the user is trying to get done with each request in a user turn (dimensions/intent/README.md): 9 tags, multi-label per user turn; a turn with no request gets no tag.',
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
    /** Headline: the distribution of intent tags is the dimension itself; request_presence is one of its margins. */
    headlineMeasure: 'intent',
  },
  backends: ['trained', 'rules', 'llm'],
  describeModels: () => describeTrainedModel('intent', {}),
  turnLabelSpec: intentTurnSpec,
  async createAnnotator(backend, options) {
    if (backend === 'trained') return createTrainedTurnAnnotator(intentTurnSpec, options, (dialogue, tagged) => intentAnnotationFromTurnTags(dialogue.id, tagged.tags));
    if (backend === 'llm') return createIntentLlmAnnotator(options);
    if (backend !== 'rules') {
      throw new RealsimError('USAGE', `--backend for intent: expected one of "trained", "rules", "llm", found ${quoteForMessage(backend)}`);
    }
    const rulesErrors = rulesDistributionError('intent');
    return {
      backend: INTENT_RULES_BACKEND,
      ...(rulesErrors ? { distributionError: rulesErrors } : {}),
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
