import type { DimensionModule } from '../../src/core/dimension.js';
import { RealsimError, quoteForMessage } from '../../src/core/realsim-error.js';
import { annotateIdentityDialogue } from './rules-annotation.js';
import { IDENTITY_CATEGORIES } from './identity-categories.js';
import { identityMeasuresFromTurns } from './identity-measures.js';
import { createIdentityLlmAnnotator } from './llm-annotator.js';
import { createTrainedTurnAnnotator, rulesDistributionError, type TrainedTurnScorer } from '../../src/learn/trained-turn-annotator.js';
import { describeTrainedModel } from '../../src/learn/describe-trained-model.js';
import type { TurnContext } from '../../src/learn/turn-context.js';
import { splitIntoSentences } from '../intent/normalize-turn-text.js';
import { identityTurnSpec } from './trained-turn-spec.js';

export const IDENTITY_RULES_BACKEND = 'identity-rules@1 (local first-person regex cues, GUIDE.md §3)';

/**
 * The supporting quote of each category the trained model gives a turn: the sentence (or line) of the
 * turn that the model, reading it alone, finds most revealing of that category, an exact substring of the
 * user's text. A one-sentence turn is its own quote.
 */
export function locateIdentityQuotes(context: TurnContext, categories: readonly string[], fold: number | undefined, scorer: TrainedTurnScorer): string[] {
  if (categories.length === 0) return [];
  const sentences = splitIntoSentences(context.text);
  if (sentences.length <= 1) return [context.text.trim()];
  const outputs = scorer.loaded.artifact.outputs;
  // each sentence alone, without the context (the same for every sentence of the turn, so it cannot pick one)
  const scored = sentences.map((sentence) => scorer.probabilities({ turn: context.turn, text: sentence.text, previousAssistantText: '', previousUserText: '', ruleCues: [] }, fold).probabilities);
  const quotes: string[] = [];
  for (const category of categories) {
    const output = outputs.indexOf(category);
    let best = 0;
    scored.forEach((probabilities, index) => {
      if ((probabilities[output] as number) > (scored[best]?.[output] as number)) best = index;
    });
    const quote = sentences[best]?.text ?? context.text.trim();
    if (!quotes.includes(quote)) quotes.push(quote);
  }
  return quotes;
}

export { annotateIdentityDialogue };

export const dimension: DimensionModule = {
  definition: {
    id: 'identity',
    level: 'user-state',
    title: 'Identity disclosure',
    description:
      'What users reveal about themselves (dimensions/identity/README.md): demographic, physical, relationships, preferences, past, future, worldview, each with a supporting quote; "none" is part of every distribution, since over-disclosure is the finding.',
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
    /** Headline: one value per dialogue: what a user reveals over a whole conversation, not how often per turn (identity_turn is mostly "none"). */
    headlineMeasure: 'identity_dialogue',
  },
  backends: ['trained', 'rules', 'llm'],
  describeModels: () => describeTrainedModel('identity', {}),
  turnLabelSpec: identityTurnSpec,
  async createAnnotator(backend, options) {
    if (backend === 'trained') {
      return createTrainedTurnAnnotator(identityTurnSpec, options, (dialogue, tagged, scorer) => ({
        dialogueId: dialogue.id,
        ...identityMeasuresFromTurns(tagged.tags),
        userTurns: tagged.contexts.map((context, index) => {
          const identity = tagged.tags[index] ?? [];
          return { turn: context.turn, identity, identityQuotes: locateIdentityQuotes(context, identity, tagged.fold, scorer) };
        }),
      }));
    }
    if (backend === 'llm') return createIdentityLlmAnnotator(options);
    if (backend !== 'rules') {
      throw new RealsimError('USAGE', `--backend for identity: expected one of "trained", "rules", "llm", found ${quoteForMessage(backend)}`);
    }
    const rulesErrors = rulesDistributionError('identity');
    return {
      backend: IDENTITY_RULES_BACKEND,
      ...(rulesErrors ? { distributionError: rulesErrors } : {}),
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
