/** Counts of each guardrail event in one dialogue. */
export interface GuardrailCounts {
  /** Attempts refused for having fewer words than the minimum. */
  too_short: number;
  /** Attempts refused for having more words than the maximum. */
  too_long: number;
  /** Attempts refused for repeating the previous user turn verbatim. */
  repeated: number;
  /** Attempts refused for opening with a forbidden first word ("I", "You", "Here" in the userlm set). */
  forbidden_first_word: number;
  /** Attempts to end before the minimum number of user turns. */
  early_end: number;
  /** Resamples sent: the same request with a new seed, one per refused attempt below the cap. */
  resamples: number;
  /** Turns accepted although they broke a rule, because the regeneration cap was reached. */
  accepted_after_cap: number;
}

export type EndedBy = 'end-token' | 'max-turns';

/** One output line of `realsim simulate` (openai-jsonl layout plus simulation fields). */
export interface SimulatedDialogueRecord {
  id: string;
  scenario_id: string;
  domain: string;
  scenario: string;
  persona: string;
  persona_mode: string;
  simulator: string;
  user_model: string;
  assistant_model: string;
  seed: number;
  flip_roles: boolean;
  /** The user-prompt template: "<file name>@<sha256 prefix of its text>". */
  prompt_version: string;
  /** The guardrail set in force: "none", "userlm" or a set file's name. */
  guardrail_set: string;
  guardrails: GuardrailCounts;
  /** Samples drawn for each user turn, the closing end-token answer included (1 = the first sample was kept). */
  attempts_per_user_turn: number[];
  /** Tokens of every accepted answer of both roles, refused user attempts included; fault retries excluded. */
  usage: { prompt_tokens: number; completion_tokens: number };
  user_turns: number;
  ended_by: EndedBy;
  messages: Array<{ role: 'system' | 'user' | 'assistant'; content: string }>;
}

export function emptyGuardrailCounts(): GuardrailCounts {
  return { too_short: 0, too_long: 0, repeated: 0, forbidden_first_word: 0, early_end: 0, resamples: 0, accepted_after_cap: 0 };
}
