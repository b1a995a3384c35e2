import type { Dialogue } from '../../src/core/dialogue.js';
import { bestOutputRelativeToThreshold, membershipTargets, outputsAtThreshold, type TurnLabelSpec } from '../../src/learn/turn-label-spec.js';
import { INTENT_TAGS } from './intent-tags.js';
import { annotateIntentDialogue } from './rules-annotation.js';

/** The extra output of the intent model: "this turn asks for nothing" (an empty intent list). */
export const NO_REQUEST_OUTPUT = 'no_request';

/**
 * Intent for the trained backend: one binary model per tag plus one for "no request". A turn whose
 * no-request probability reaches its threshold gets no tag; otherwise it gets every tag at its threshold,
 * or, when none is, the tag closest to its threshold (a turn with a request has at least one kind).
 */
export const intentTurnSpec: TurnLabelSpec = {
  dimension: 'intent',
  tags: INTENT_TAGS,
  outputs: [...INTENT_TAGS, NO_REQUEST_OUTPUT],
  goldTags: (label) => label.intent,
  targets(gold) {
    return membershipTargets(this.outputs, gold.length === 0 ? [NO_REQUEST_OUTPUT] : gold);
  },
  isLearned: () => true,
  fixedTags: () => [],
  decode(probabilities, thresholds, context) {
    if (context.text.trim() === '') return [];
    const noRequestIndex = this.outputs.length - 1;
    if ((probabilities[noRequestIndex] as number) >= (thresholds[noRequestIndex] as number)) return [];
    const tags = outputsAtThreshold(this.outputs, probabilities, thresholds).filter((tag) => tag !== NO_REQUEST_OUTPUT);
    if (tags.length > 0) return tags;
    const best = bestOutputRelativeToThreshold(this.outputs, probabilities, thresholds, INTENT_TAGS);
    return best ? [best] : [];
  },
  turnMeasures: (tagsPerTurn) => ({ intent: tagsPerTurn.flat(), request_presence: tagsPerTurn.map((tags) => (tags.length > 0 ? 'request' : 'none')) }),
  ruleTags: (dialogue: Dialogue) => (annotateIntentDialogue(dialogue).userTurns ?? []).map((turn) => [...(turn.intent as string[])]),
};
