import type { Dialogue } from '../../src/core/dialogue.js';
import { membershipTargets, outputsAtThreshold, type TurnLabelSpec } from '../../src/learn/turn-label-spec.js';
import { IDENTITY_CATEGORIES } from './identity-categories.js';
import { annotateIdentityDialogue } from './rules-annotation.js';

/** Identity for the trained backend: one binary model per category; a turn gets every category at its threshold. */
export const identityTurnSpec: TurnLabelSpec = {
  dimension: 'identity',
  tags: IDENTITY_CATEGORIES,
  outputs: IDENTITY_CATEGORIES,
  goldTags: (label) => label.identity,
  targets(gold) {
    return membershipTargets(this.outputs, gold);
  },
  isLearned: () => true,
  fixedTags: () => [],
  decode(probabilities, thresholds, context) {
    if (context.text.trim() === '') return [];
    return outputsAtThreshold(this.outputs, probabilities, thresholds);
  },
  turnMeasures: (tagsPerTurn) => ({ identity_turn: tagsPerTurn.flatMap((tags) => (tags.length > 0 ? [...tags] : ['none'])) }),
  ruleTags: (dialogue: Dialogue) => (annotateIdentityDialogue(dialogue).userTurns ?? []).map((turn) => [...(turn.identity as string[])]),
};
