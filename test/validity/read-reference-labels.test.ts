import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RealsimError } from '../../src/core/realsim-error.js';
import { parseReferenceLabels, readReferenceLabels } from '../../src/measure/annotator-validity/read-reference-labels.js';

const turn = (extra: Record<string, unknown> = {}) => ({
  turn: 1,
  intent: ['info_retrieval'],
  feedback: ['no_feedback'],
  identity: ['past'],
  identity_quotes: ['I went there'],
  emotion: 'neutral',
  ...extra,
});
const line = (record: Record<string, unknown>) => JSON.stringify(record);

function errorOf(action: () => unknown): RealsimError {
  try {
    action();
  } catch (error) {
    if (error instanceof RealsimError) return error;
    throw error;
  }
  throw new Error('expected a RealsimError');
}

describe('parseReferenceLabels', () => {
  it('reads records, renaming identity_quotes and keeping the line', () => {
    const text = `${line({ conversation_id: 'c1', domain: 'email', turns: [turn(), turn({ turn: 2, identity: [], identity_quotes: [] })] })}\n\n`;
    const records = parseReferenceLabels(text, 'dev.jsonl');
    expect(records).toHaveLength(1);
    expect(records[0]!.conversationId).toBe('c1');
    expect(records[0]!.origin).toEqual({ file: 'dev.jsonl', line: 1 });
    expect(records[0]!.turns[0]).toEqual({
      turn: 1,
      intent: ['info_retrieval'],
      feedback: ['no_feedback'],
      identity: ['past'],
      identityQuotes: ['I went there'],
      emotion: 'neutral',
    });
  });

  it('names file and line for a line that is not JSON', () => {
    const text = `${line({ conversation_id: 'c1', turns: [turn()] })}\n{"conversation_id": "c2",`;
    const error = errorOf(() => parseReferenceLabels(text, 'labels.jsonl'));
    expect(error.code).toBe('INPUT_INVALID_JSON');
    expect(error.message).toMatch(/^labels\.jsonl:2: expected one JSON object per line, found "\{"conversation_id": "c2",/);
  });

  it('lists the valid tags when a tag is unknown', () => {
    const text = line({ conversation_id: 'c1', turns: [turn({ feedback: ['praise'] })] });
    const error = errorOf(() => parseReferenceLabels(text, 'labels.jsonl'));
    expect(error.code).toBe('INPUT_INVALID_RECORD');
    expect(error.message).toBe(
      'labels.jsonl:1.turns[0].feedback[0]: expected one of "no_feedback", "explicit_positive", "explicit_negative", "regeneration_request", "continuation_request", "clarification_request", "provide_clarification", found "praise"',
    );
  });

  it('rejects a bad emotion, turn number, missing id, duplicate turn and duplicate dialogue', () => {
    expect(errorOf(() => parseReferenceLabels(line({ conversation_id: 'c', turns: [turn({ emotion: 'happy' })] }), 'f')).message).toMatch(
      /^f:1\.turns\[0\]\.emotion: expected one of "anger", .*"neutral".*, found "happy"$/,
    );
    expect(errorOf(() => parseReferenceLabels(line({ conversation_id: 'c', turns: [turn({ turn: 0 })] }), 'f')).message).toBe(
      'f:1.turns[0].turn: expected a positive integer (1-based user turn), found "0"',
    );
    expect(errorOf(() => parseReferenceLabels(line({ turns: [turn()] }), 'f')).message).toBe(
      'f:1.conversation_id: expected a non-empty string, found "undefined"',
    );
    expect(errorOf(() => parseReferenceLabels(line({ conversation_id: 'c', turns: [turn(), turn()] }), 'f')).message).toBe(
      'f:1.turns[1].turn: expected each user turn once, found turn "1" again',
    );
    const duplicate = errorOf(() => parseReferenceLabels(`${line({ conversation_id: 'c', turns: [turn()] })}\n${line({ conversation_id: 'c', turns: [turn()] })}`, 'f'));
    expect(duplicate.code).toBe('INPUT_DUPLICATE_ID');
    expect(duplicate.message).toBe('f:2.conversation_id: expected each conversation once, found "c" again (first on line 1)');
    expect(errorOf(() => parseReferenceLabels(line({ conversation_id: 'c', turns: [turn({ intent: 'info_retrieval' })] }), 'f')).message).toBe(
      'f:1.turns[0].intent: expected an array of tags, found a string "info_retrieval"',
    );
  });

  it('rejects an empty file', () => {
    const error = errorOf(() => parseReferenceLabels('\n\n', 'empty.jsonl'));
    expect(error.code).toBe('INPUT_EMPTY');
  });
});

describe('readReferenceLabels', () => {
  it('reports a missing file', () => {
    const error = errorOf(() => readReferenceLabels('/nonexistent/labels.jsonl'));
    expect(error.code).toBe('INPUT_NOT_FOUND');
    expect(error.message).toBe('--labels: expected an existing JSONL file, found "/nonexistent/labels.jsonl" (no such file)');
  });
  it('reads a file from disk', () => {
    const directory = mkdtempSync(join(tmpdir(), 'realsim-labels-'));
    const file = join(directory, 'labels.jsonl');
    writeFileSync(file, `${line({ conversation_id: 'c1', domain: 'd', turns: [turn()] })}\n`);
    expect(readReferenceLabels(file)[0]!.origin).toEqual({ file, line: 1 });
  });
});
