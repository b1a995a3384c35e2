/** Where a message goes: a user turn, an assistant turn, or aside (system, tool and the like). */
export type MessagePlacement = 'user' | 'assistant' | 'aside';

const ROLE_PLACEMENTS: Record<string, MessagePlacement> = {
  user: 'user',
  human: 'user',
  assistant: 'assistant',
  gpt: 'assistant',
  bot: 'assistant',
  model: 'assistant',
  chatbot: 'assistant',
  system: 'aside',
  tool: 'aside',
  function: 'aside',
  developer: 'aside',
  ipython: 'aside',
};

/** The role list for error messages: canonical roles first, then the accepted aliases. */
export const ROLE_CHOICES_TEXT =
  '"user", "assistant", "system", "tool" (or "human", "gpt", "bot", "model", "chatbot", "function", "developer", "ipython")';

/**
 * Maps a role as written in a log (any case) to its placement and normalized name: human → user;
 * gpt, bot, model, chatbot → assistant; system, tool, function, developer, ipython stay as they are and
 * go aside. Returns undefined for an unknown role.
 */
export function normalizeMessageRole(role: string): { placement: MessagePlacement; role: string } | undefined {
  const lowered = role.trim().toLowerCase();
  const placement = Object.prototype.hasOwnProperty.call(ROLE_PLACEMENTS, lowered) ? ROLE_PLACEMENTS[lowered] : undefined;
  if (placement === undefined) return undefined;
  return { placement, role: placement === 'aside' ? lowered : placement };
}
