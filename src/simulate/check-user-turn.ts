import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { RealsimError, quoteForMessage } from '../core/realsim-error.js';

/** Why a simulated user turn is refused (and resampled). */
export type TurnViolation = 'too_short' | 'too_long' | 'repeated' | 'forbidden_first_word' | 'early_end';

export interface ParsedUserAnswer {
  /** The text without the end token, trimmed ("" when the answer was the end token alone). */
  text: string;
  /** Whether the answer contained the end token. */
  ends: boolean;
}

/**
 * A named set of checks on every simulated user turn. A turn that fails one is resampled (the same
 * request with a new seed). Every check is off in the set "none".
 */
export interface GuardrailSet {
  /** "none", "userlm", or the file name of a set given as a file. */
  name: string;
  /** Words allowed in a turn (inclusive); undefined = any length. */
  wordWindow: { minimum: number; maximum: number } | undefined;
  /** Refuse a turn equal (after trimming) to the previous user turn. */
  rejectVerbatimRepeat: boolean;
  /** Refuse a turn whose first word (its leading letters, case as written) is one of these. */
  forbiddenFirstWords: readonly string[];
  /** Refuse an end token before the dialogue has --min-user-turns user turns. */
  checkEndTiming: boolean;
}

export const GUARDRAIL_SET_NONE: GuardrailSet = { name: 'none', wordWindow: undefined, rejectVerbatimRepeat: false, forbiddenFirstWords: [], checkEndTiming: false };

/** The checks the paper puts on UserLM's output: 3–25 words, no verbatim repeat, no "I"/"You"/"Here" opener, no early end. */
export const GUARDRAIL_SET_USERLM: GuardrailSet = {
  name: 'userlm',
  wordWindow: { minimum: 3, maximum: 25 },
  rejectVerbatimRepeat: true,
  forbiddenFirstWords: ['I', 'You', 'Here'],
  checkEndTiming: true,
};

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word.length > 0).length;
}

/** The leading run of letters of a text after any opening quotes or punctuation ("I'm sure" → "I"). */
export function firstWordOf(text: string): string {
  return /^[^\p{L}\p{N}]*([\p{L}]*)/u.exec(text)?.[1] ?? '';
}

/** Splits an answer into its text and whether it ends the dialogue (the end token anywhere in it). */
export function parseUserAnswer(answer: string, endToken: string): ParsedUserAnswer {
  const ends = answer.includes(endToken);
  const text = (ends ? answer.split(endToken).join(' ') : answer).replace(/\s+/g, ' ').trim();
  return { text, ends };
}

/**
 * The first check a candidate user turn fails, or undefined. An ending answer is checked only for its
 * timing (the dialogue would end with fewer than minimumUserTurnsBeforeEnd user turns, counting the text
 * before the end token as a turn); a closing remark may be short. Any other answer is checked, in this
 * order, for its word count, its first word, and repeating the previous user turn verbatim.
 */
export function findTurnViolation(
  answer: ParsedUserAnswer,
  previousUserTurns: readonly string[],
  guardrails: GuardrailSet,
  minimumUserTurnsBeforeEnd: number,
): TurnViolation | undefined {
  if (answer.ends) {
    const turnsAtEnd = previousUserTurns.length + (answer.text === '' ? 0 : 1);
    return guardrails.checkEndTiming && turnsAtEnd < minimumUserTurnsBeforeEnd ? 'early_end' : undefined;
  }
  if (guardrails.wordWindow) {
    const words = countWords(answer.text);
    if (words < guardrails.wordWindow.minimum) return 'too_short';
    if (words > guardrails.wordWindow.maximum) return 'too_long';
  }
  if (guardrails.forbiddenFirstWords.includes(firstWordOf(answer.text))) return 'forbidden_first_word';
  const previous = previousUserTurns[previousUserTurns.length - 1];
  if (guardrails.rejectVerbatimRepeat && previous !== undefined && previous.trim() === answer.text) return 'repeated';
  return undefined;
}

const SET_FILE_KEYS = ['minimum_words', 'maximum_words', 'reject_verbatim_repeat', 'forbidden_first_words', 'check_end_timing'] as const;

/**
 * A guardrail set from a JSON file: { "minimum_words"?: n, "maximum_words"?: n, "reject_verbatim_repeat"?: bool,
 * "forbidden_first_words"?: ["I", …], "check_end_timing"?: bool }; a key left out is off.
 */
export function parseGuardrailFile(text: string, path: string): GuardrailSet {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RealsimError('INPUT_INVALID_JSON', `${path} line 1: expected a JSON guardrail set { ${SET_FILE_KEYS.join(', ')} }, found text that is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RealsimError('INPUT_INVALID_RECORD', `${path} line 1: expected a JSON object { ${SET_FILE_KEYS.join(', ')} }, found ${quoteForMessage(value)}`);
  }
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!(SET_FILE_KEYS as readonly string[]).includes(key)) throw new RealsimError('INPUT_INVALID_RECORD', `${path} line 1: expected keys ${SET_FILE_KEYS.join(', ')}, found ${quoteForMessage(key)}`);
  }
  const wholeNumber = (key: string): number | undefined => {
    const field = fields[key];
    if (field === undefined) return undefined;
    if (typeof field !== 'number' || !Number.isSafeInteger(field) || field < 0) throw new RealsimError('INPUT_INVALID_RECORD', `${path} line 1: expected ${key} to be a whole number ≥ 0, found ${quoteForMessage(field)}`);
    return field;
  };
  const flag = (key: string): boolean => {
    const field = fields[key];
    if (field === undefined) return false;
    if (typeof field !== 'boolean') throw new RealsimError('INPUT_INVALID_RECORD', `${path} line 1: expected ${key} to be true or false, found ${quoteForMessage(field)}`);
    return field;
  };
  const minimum = wholeNumber('minimum_words');
  const maximum = wholeNumber('maximum_words');
  if (minimum !== undefined && maximum !== undefined && maximum < minimum) {
    throw new RealsimError('INPUT_INVALID_RECORD', `${path} line 1: expected maximum_words ≥ minimum_words (${minimum}), found ${maximum}`);
  }
  const firstWords = fields['forbidden_first_words'] ?? [];
  if (!Array.isArray(firstWords) || !firstWords.every((word) => typeof word === 'string' && word.trim() !== '')) {
    throw new RealsimError('INPUT_INVALID_RECORD', `${path} line 1: expected forbidden_first_words to be a list of words, found ${quoteForMessage(firstWords)}`);
  }
  return {
    name: basename(path),
    wordWindow: minimum === undefined && maximum === undefined ? undefined : { minimum: minimum ?? 0, maximum: maximum ?? Number.MAX_SAFE_INTEGER },
    rejectVerbatimRepeat: flag('reject_verbatim_repeat'),
    forbiddenFirstWords: (firstWords as string[]).map((word) => word.trim()),
    checkEndTiming: flag('check_end_timing'),
  };
}

/** --guardrails none | userlm | <file.json>. */
export function resolveGuardrailSet(value: string): GuardrailSet {
  const name = value.trim();
  if (name === 'none') return GUARDRAIL_SET_NONE;
  if (name === 'userlm') return GUARDRAIL_SET_USERLM;
  if (!existsSync(name)) {
    throw new RealsimError('USAGE', `--guardrails: expected "none", "userlm" or a guardrail set file (JSON), found ${quoteForMessage(value)} (no such file)`);
  }
  return parseGuardrailFile(readFileSync(name, 'utf8'), name);
}
