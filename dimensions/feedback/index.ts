import type { DimensionModule } from '../../src/core/dimension.js';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';
import { feedbackAnnotationFromTurnTags, annotateFeedbackDialogue } from './rules-annotation.js';
import { FEEDBACK_TAGS } from './feedback-tags.js';
import { createFeedbackLlmAnnotator } from './llm-annotator.js';
import { createTrainedTurnAnnotator, rulesDistributionError } from '../../src/learn/trained-turn-annotator.js';
import { describeTrainedModel } from '../../src/learn/describe-trained-model.js';
import { feedbackTurnSpec } from './trained-turn-spec.js';

export const FEEDBACK_RULES_BACKEND = 'feedback-rules@1 (local regex cues + turn repetition, GUIDE.md §2)';

export { feedbackAnnotationFromTurnTags, annotateFeedbackDialogue };

export const dimension: DimensionModule = {
  definition: {
    id: 'feedback',
    level: 'communicative-function',
    title: 'Feedback',
    description:
      "The user's reaction to the previous chatbot turn (dimensions/feedback/README.md): 7 tags, multi-label per user turn; the first user turn is always no_feedback.",
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
    /** Headline: its only measure. */
    headlineMeasure: 'feedback',
  },
  backends: ['trained', 'rules', 'llm'],
  describeModels: () => describeTrainedModel('feedback', {}),
  turnLabelSpec: feedbackTurnSpec,
  async createAnnotator(backend, options) {
    if (backend === 'trained') return createTrainedTurnAnnotator(feedbackTurnSpec, options, (dialogue, tagged) => feedbackAnnotationFromTurnTags(dialogue.id, tagged.tags));
    if (backend === 'llm') return createFeedbackLlmAnnotator(options);
    if (backend !== 'rules') {
      throw new RealsimError('USAGE', `--backend for feedback: expected one of "trained", "rules", "llm", found ${quoteForMessage(backend)}`);
    }
    const rulesErrors = rulesDistributionError('feedback');
    return {
      backend: FEEDBACK_RULES_BACKEND,
      ...(rulesErrors ? { distributionError: rulesErrors } : {}),
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
