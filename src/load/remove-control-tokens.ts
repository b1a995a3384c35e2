import type { Turn } from '../core/dialogue.js';

/**
 * Tokens that known user simulators write to end a dialogue: tau-bench's "###STOP###", UserLM's
 * "<|endconversation|>", and "<END>" (realsim simulate and several prompted simulators).
 */
export const USER_CONTROL_TOKENS = ['###STOP###', '<|endconversation|>', '<END>'] as const;

/**
 * Removes the control tokens from user turns, so they are not measured as words the user typed, and
 * says whether any was there (the user ended the dialogue). A user message that held nothing but
 * tokens is dropped, unless it is the only user message (it is then kept as an empty message, since
 * every dialogue has a user turn). Assistant turns are left as they are.
 */
export function removeUserControlTokens(turns: readonly Turn[]): { turns: Turn[]; userEndedDialogue: boolean } {
  let userEndedDialogue = false;
  const cleaned: Array<Turn & { onlyTokens?: boolean }> = turns.map((turn) => {
    if (turn.role !== 'user' || !USER_CONTROL_TOKENS.some((token) => turn.text.includes(token))) return turn;
    userEndedDialogue = true;
    const text = USER_CONTROL_TOKENS.reduce((current, token) => current.split(token).join(' '), turn.text).replace(/[ \t]+/g, ' ').trim();
    return { role: 'user', text, onlyTokens: text === '' };
  });
  if (!userEndedDialogue) return { turns: [...turns], userEndedDialogue };
  const keepsAUserTurn = cleaned.some((turn) => turn.role === 'user' && !turn.onlyTokens);
  const kept = cleaned.filter((turn) => !(turn.onlyTokens && keepsAUserTurn));
  return { turns: kept.map((turn) => ({ role: turn.role, text: turn.text })), userEndedDialogue };
}
