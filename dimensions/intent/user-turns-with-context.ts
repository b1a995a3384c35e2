import type { Dialogue } from '../../src/core/dialogue.js';

/** One user turn with what a turn-level annotator needs to see around it. */
export interface UserTurnWithContext {
  /** 1-based user-turn number. */
  turn: number;
  text: string;
  /** The assistant turn just before this user turn; '' when there is none. */
  previousAssistantText: string;
}

export function userTurnsWithContext(dialogue: Dialogue): UserTurnWithContext[] {
  const result: UserTurnWithContext[] = [];
  let previousAssistantText = '';
  for (const turn of dialogue.turns) {
    if (turn.role === 'assistant') previousAssistantText = turn.text;
    else {
      result.push({ turn: result.length + 1, text: turn.text, previousAssistantText });
      previousAssistantText = '';
    }
  }
  return result;
}
