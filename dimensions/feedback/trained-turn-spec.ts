import type { Dialogue } from '../../src/core/dialogue.js';
import { membershipTargets, outputsAtThreshold, type TurnLabelSpec } from '../../src/learn/turn-label-spec.js';
import { FEEDBACK_TAGS } from './feedback-tags.js';
import { annotateFeedbackDialogue } from './rules-annotation.js';

const REACTION_TAGS = FEEDBACK_TAGS.filter((tag) => tag !== 'no_feedback');

/**
 * Feedback for the trained backend: the first user turn is always no_feedback (nothing to react to), so
 * the model learns from later turns only: one binary model per reaction tag. A turn gets every reaction
 * at its threshold, or no_feedback (alone) when none is.
 */
export const feedbackTurnSpec: TurnLabelSpec = {
  dimension: 'feedback',
  tags: FEEDBACK_TAGS,
  outputs: REACTION_TAGS,
  goldTags: (label) => label.feedback,
  targets(gold) {
    return membershipTargets(this.outputs, gold);
  },
  isLearned: (context) => context.turn > 1,
  fixedTags: () => ['no_feedback'],
  decode(probabilities, thresholds) {
    const reactions = outputsAtThreshold(this.outputs, probabilities, thresholds);
    return reactions.length > 0 ? reactions : ['no_feedback'];
  },
  turnMeasures: (tagsPerTurn) => ({ feedback: tagsPerTurn.flat() }),
  ruleTags: (dialogue: Dialogue) => (annotateFeedbackDialogue(dialogue).userTurns ?? []).map((turn) => [...(turn.feedback as string[])]),
};
