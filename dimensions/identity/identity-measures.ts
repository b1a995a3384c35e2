import type { DialogueAnnotation } from '../../src/core/dimension.js';
import { IDENTITY_CATEGORIES, NO_DISCLOSURE } from './identity-categories.js';

/**
 * The identity measures of one dialogue from the categories each user turn reveals (the same for every
 * backend): per-turn occurrences (a turn revealing nothing adds one "none"); the dialogue's union in
 * definition order (or one "none"); and the share of disclosing turns in percent (null without user turns).
 */
export function identityMeasuresFromTurns(
  turnCategories: ReadonlyArray<readonly string[]>,
): Pick<DialogueAnnotation, 'numeric' | 'categorical'> {
  const perTurn: string[] = [];
  const union = new Set<string>();
  let disclosingTurns = 0;
  for (const categories of turnCategories) {
    if (categories.length === 0) perTurn.push(NO_DISCLOSURE);
    else {
      disclosingTurns += 1;
      perTurn.push(...categories);
      for (const category of categories) union.add(category);
    }
  }
  const dialogueCategories = IDENTITY_CATEGORIES.filter((category) => union.has(category));
  return {
    numeric: { disclosing_turn_percent: turnCategories.length === 0 ? null : (100 * disclosingTurns) / turnCategories.length },
    categorical: {
      identity_turn: perTurn,
      identity_dialogue: dialogueCategories.length > 0 ? dialogueCategories : [NO_DISCLOSURE],
    },
  };
}
