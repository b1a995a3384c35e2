import { RealsimError, quoteForMessage } from '../core/realsim-error.js';

export const GUARDRAILS = ['word-range', 'repeat', 'early-end'] as const;
export type Guardrail = (typeof GUARDRAILS)[number];

/** Why a simulated user turn is refused (and regenerated). */
export type TurnViolation = 'too_short' | 'too_long' | 'repeated' | 'early_end';

export interface ParsedUserAnswer {
  /** The text without the end token, trimmed ("" when the answer was the end token alone). */
  text: string;
  /** Whether the answer contained the end token. */
  ends: boolean;
}

export interface TurnRules {
  enabled: ReadonlySet<Guardrail>;
  minimumWords: number;
  maximumWords: number;
  /** An end is accepted only when the dialogue then has at least this many user turns. */
  minimumUserTurnsBeforeEnd: number;
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word.length > 0).length;
}

/** Splits an answer into its text and whether it ends the dialogue (the end token anywhere in it). */
export function parseUserAnswer(answer: string, endToken: string): ParsedUserAnswer {
  const ends = answer.includes(endToken);
  const text = (ends ? answer.split(endToken).join(' ') : answer).replace(/\s+/g, ' ').trim();
  return { text, ends };
}

/**
 * The first rule a candidate user turn breaks, or undefined. An ending answer is checked only for an
 * early end (the dialogue would end with fewer than minimumUserTurnsBeforeEnd user turns, counting the
 * text before the end token as a turn); a closing remark may be short. Any other answer is checked for
 * its word count (minimum..maximum inclusive) and for repeating the previous user turn verbatim
 * (after trimming).
 */
export function findTurnViolation(answer: ParsedUserAnswer, previousUserTurns: readonly string[], rules: TurnRules): TurnViolation | undefined {
  if (answer.ends) {
    const turnsAtEnd = previousUserTurns.length + (answer.text === '' ? 0 : 1);
    if (rules.enabled.has('early-end') && turnsAtEnd < rules.minimumUserTurnsBeforeEnd) return 'early_end';
    return undefined;
  }
  if (rules.enabled.has('word-range')) {
    const words = countWords(answer.text);
    if (words < rules.minimumWords) return 'too_short';
    if (words > rules.maximumWords) return 'too_long';
  }
  const previous = previousUserTurns[previousUserTurns.length - 1];
  if (rules.enabled.has('repeat') && previous !== undefined && previous.trim() === answer.text) return 'repeated';
  return undefined;
}

/** What the simulator is told when its attempt was refused. */
export function describeViolation(violation: TurnViolation, rules: TurnRules, endToken: string): string {
  switch (violation) {
    case 'too_short':
      return `that message was too short. Write ${rules.minimumWords} to ${rules.maximumWords} words.`;
    case 'too_long':
      return `that message was too long. Write ${rules.minimumWords} to ${rules.maximumWords} words.`;
    case 'repeated':
      return 'that message repeated your previous one word for word. Write something new.';
    case 'early_end':
      return `it is too early to stop. Do not write ${endToken} yet; continue the conversation toward your goal.`;
  }
}

/** Parses --guardrails "word-range,repeat,early-end" (or "none"). */
export function parseGuardrails(value: string): Set<Guardrail> {
  if (value.trim() === 'none') return new Set();
  const names = value.split(',').map((name) => name.trim()).filter((name) => name !== '');
  for (const name of names) {
    if (!(GUARDRAILS as readonly string[]).includes(name)) {
      throw new RealsimError('USAGE', `--guardrails: expected a comma list of ${GUARDRAILS.map((guard) => `"${guard}"`).join(', ')} or "none", found ${quoteForMessage(name)}`);
    }
  }
  return new Set(names as Guardrail[]);
}
