import type { Dialogue } from '../core/dialogue.js';

/** One user turn with what a trained turn classifier sees around it. */
export interface TurnContext {
  /** 1-based user-turn number (empty user messages count). */
  turn: number;
  text: string;
  /** The chatbot turn just before this user turn; '' when there is none. */
  previousAssistantText: string;
  /** The user turn before this one; '' for the first. */
  previousUserText: string;
  /** Tags of the dimension's rule backend on this turn, given to the model as features (stacking). */
  ruleCues: readonly string[];
}

/** The user turns of a dialogue with their context; `ruleCues[k]` are the cues of user turn k + 1. */
export function turnContextsOf(dialogue: Dialogue, ruleCues: ReadonlyArray<readonly string[]> = []): TurnContext[] {
  const contexts: TurnContext[] = [];
  let previousAssistantText = '';
  let previousUserText = '';
  for (const turn of dialogue.turns) {
    if (turn.role === 'assistant') {
      previousAssistantText = turn.text;
      continue;
    }
    contexts.push({ turn: contexts.length + 1, text: turn.text, previousAssistantText, previousUserText, ruleCues: ruleCues[contexts.length] ?? [] });
    previousUserText = turn.text;
    previousAssistantText = '';
  }
  return contexts;
}
