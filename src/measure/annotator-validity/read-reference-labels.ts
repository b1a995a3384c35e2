import { existsSync, readFileSync, statSync } from 'node:fs';
import { RealsimError, quoteForMessage } from '../../core/realsim-error.js';
import {
  REFERENCE_EMOTION_TAGS,
  REFERENCE_FEEDBACK_TAGS,
  REFERENCE_IDENTITY_TAGS,
  REFERENCE_INTENT_TAGS,
} from './reference-label-tags.js';

/** One hand-labelled user turn (reference-labels JSONL: { conversation_id, turns: [{ turn, intent, feedback, identity, identity_quotes, emotion }] }), 1-based user-turn number. */
export interface LabelTurn {
  turn: number;
  intent: string[];
  feedback: string[];
  identity: string[];
  identityQuotes: string[];
  emotion: string;
}

/**
 * Where the labelled dialogue is, besides its conversation_id: a record of a realsim real-dialogues file
 * ("file" + 0-based "index"; conversation ids repeat across those files) or one side of a MirrorBench pair.
 */
export type LabelLocator = { kind: 'file-record'; file: string; index: number } | { kind: 'pair-side'; pairId: string; side: 'real' | 'simulated' };

/** One labelled dialogue: a line of the reference-labels JSONL file. */
export interface LabelRecord {
  /** The record's conversation_id; for a pair side without one, "<pair_id>:<side>". */
  conversationId: string;
  domain: string;
  turns: LabelTurn[];
  /** Where the record came from, for messages. */
  origin: { file: string; line: number };
  locator?: LabelLocator;
}

function readLocator(record: Record<string, unknown>, where: string): LabelLocator | undefined {
  if (record.pair_id !== undefined || record.side !== undefined) {
    if (typeof record.pair_id !== 'string' || record.pair_id === '') {
      throw new RealsimError('INPUT_INVALID_RECORD', `${where}.pair_id: expected a non-empty string, found ${quoteForMessage(record.pair_id)}`);
    }
    if (record.side !== 'real' && record.side !== 'simulated') {
      throw new RealsimError('INPUT_INVALID_RECORD', `${where}.side: expected "real" or "simulated", found ${quoteForMessage(record.side)}`);
    }
    return { kind: 'pair-side', pairId: record.pair_id, side: record.side };
  }
  if (record.file !== undefined || record.index !== undefined) {
    if (typeof record.file !== 'string' || record.file === '') {
      throw new RealsimError('INPUT_INVALID_RECORD', `${where}.file: expected a file name, found ${quoteForMessage(record.file)}`);
    }
    if (typeof record.index !== 'number' || !Number.isInteger(record.index) || record.index < 0) {
      throw new RealsimError('INPUT_INVALID_RECORD', `${where}.index: expected a 0-based record index, found ${quoteForMessage(record.index)}`);
    }
    return { kind: 'file-record', file: record.file, index: record.index };
  }
  return undefined;
}

function locatorKey(locator: LabelLocator | undefined, conversationId: string): string {
  if (locator?.kind === 'file-record') return `${locator.file}[${locator.index}]`;
  if (locator?.kind === 'pair-side') return `${locator.pairId}:${locator.side}`;
  return conversationId;
}

function listChoices(choices: readonly string[]): string {
  return choices.map((choice) => `"${choice}"`).join(', ');
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function readTagList(value: unknown, where: string, choices: readonly string[]): string[] {
  if (!Array.isArray(value)) {
    throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected an array of tags, found ${describeType(value)} ${quoteForMessage(value)}`);
  }
  return value.map((tag, index) => {
    if (typeof tag !== 'string' || !choices.includes(tag)) {
      throw new RealsimError(
        'INPUT_INVALID_RECORD',
        `${where}[${index}]: expected one of ${listChoices(choices)}, found ${quoteForMessage(tag)}`,
      );
    }
    return tag;
  });
}

function readQuoteList(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((quote) => typeof quote !== 'string')) {
    throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected an array of strings, found ${quoteForMessage(value)}`);
  }
  return value as string[];
}

function readTurn(value: unknown, where: string): LabelTurn {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected an object, found ${describeType(value)} ${quoteForMessage(value)}`);
  }
  const record = value as Record<string, unknown>;
  const turn = record.turn;
  if (typeof turn !== 'number' || !Number.isInteger(turn) || turn < 1) {
    throw new RealsimError('INPUT_INVALID_RECORD', `${where}.turn: expected a positive integer (1-based user turn), found ${quoteForMessage(turn)}`);
  }
  const emotion = record.emotion;
  if (typeof emotion !== 'string' || !(REFERENCE_EMOTION_TAGS as readonly string[]).includes(emotion)) {
    throw new RealsimError(
      'INPUT_INVALID_RECORD',
      `${where}.emotion: expected one of ${listChoices(REFERENCE_EMOTION_TAGS)}, found ${quoteForMessage(emotion)}`,
    );
  }
  return {
    turn,
    intent: readTagList(record.intent, `${where}.intent`, REFERENCE_INTENT_TAGS),
    feedback: readTagList(record.feedback, `${where}.feedback`, REFERENCE_FEEDBACK_TAGS),
    identity: readTagList(record.identity, `${where}.identity`, REFERENCE_IDENTITY_TAGS),
    identityQuotes: readQuoteList(record.identity_quotes, `${where}.identity_quotes`),
    emotion,
  };
}

/** Parses the text of a reference-labels JSONL file; `file` is used in messages only. */
export function parseReferenceLabels(text: string, file: string): LabelRecord[] {
  const records: LabelRecord[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const line = index + 1;
    if (rawLine.trim().length === 0) return;
    const where = `${file}:${line}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawLine);
    } catch (error) {
      throw new RealsimError(
        'INPUT_INVALID_JSON',
        `${where}: expected one JSON object per line, found ${quoteForMessage(rawLine)} (${(error as Error).message.toLowerCase()})`,
        { cause: error },
      );
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new RealsimError('INPUT_INVALID_RECORD', `${where}: expected a JSON object, found ${describeType(parsed)} ${quoteForMessage(parsed)}`);
    }
    const record = parsed as Record<string, unknown>;
    const locator = readLocator(record, where);
    const conversationId = record.conversation_id ?? (locator?.kind === 'pair-side' ? `${locator.pairId}:${locator.side}` : undefined);
    if (typeof conversationId !== 'string' || conversationId.length === 0) {
      throw new RealsimError('INPUT_INVALID_RECORD', `${where}.conversation_id: expected a non-empty string, found ${quoteForMessage(conversationId)}`);
    }
    const key = locatorKey(locator, conversationId);
    const previousLine = seen.get(key);
    if (previousLine !== undefined) {
      const field = locator?.kind === 'file-record' ? 'file' : locator?.kind === 'pair-side' ? 'pair_id' : 'conversation_id';
      throw new RealsimError(
        'INPUT_DUPLICATE_ID',
        `${where}.${field}: expected each conversation once, found ${quoteForMessage(key)} again (first on line ${previousLine})`,
      );
    }
    seen.set(key, line);
    const domain = record.domain === undefined ? '' : record.domain;
    if (typeof domain !== 'string') {
      throw new RealsimError('INPUT_INVALID_RECORD', `${where}.domain: expected a string, found ${quoteForMessage(domain)}`);
    }
    if (!Array.isArray(record.turns) || record.turns.length === 0) {
      throw new RealsimError('INPUT_INVALID_RECORD', `${where}.turns: expected a non-empty array of labelled turns, found ${quoteForMessage(record.turns)}`);
    }
    const turns = record.turns.map((turn, turnIndex) => readTurn(turn, `${where}.turns[${turnIndex}]`));
    const numbers = new Set<number>();
    for (const [turnIndex, turn] of turns.entries()) {
      if (numbers.has(turn.turn)) {
        throw new RealsimError(
          'INPUT_INVALID_RECORD',
          `${where}.turns[${turnIndex}].turn: expected each user turn once, found turn ${quoteForMessage(turn.turn)} again`,
        );
      }
      numbers.add(turn.turn);
    }
    records.push({ conversationId, domain, turns, origin: { file, line }, ...(locator ? { locator } : {}) });
  });
  if (records.length === 0) {
    throw new RealsimError('INPUT_EMPTY', `${file}: expected at least one labelled dialogue (JSON Lines), found none`);
  }
  return records;
}

/** Reads and checks a reference-labels JSONL file (shared/datasets/reference-labels/GUIDE.md). */
export function readReferenceLabels(path: string): LabelRecord[] {
  if (!existsSync(path)) {
    throw new RealsimError('INPUT_NOT_FOUND', `--labels: expected an existing JSONL file, found ${quoteForMessage(path)} (no such file)`);
  }
  if (statSync(path).isDirectory()) {
    throw new RealsimError('INPUT_NOT_FOUND', `--labels: expected a JSONL file, found the directory ${quoteForMessage(path)}`);
  }
  const bytes = readFileSync(path);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) {
    throw new RealsimError('INPUT_ENCODING', `${path}: expected utf-8 text, found bytes that are not utf-8`);
  }
  return parseReferenceLabels(text, path);
}
