import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GUARDRAIL_SET_NONE, GUARDRAIL_SET_USERLM, findTurnViolation, firstWordOf, parseGuardrailFile, resolveGuardrailSet } from '../../src/simulate/check-user-turn.js';

const workDirectory = mkdtempSync(join(tmpdir(), 'realsim-guardrails-'));
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));
const turn = (text: string) => ({ text, ends: false });

describe('guardrail sets', () => {
  it('reads the first word as its leading letters, case as written', () => {
    expect(['I want it', "I'm lost", '"Here you go"', 'You.', 'Youtube link please', 'i need help', '  Hereby I ask'].map(firstWordOf)).toEqual(['I', 'I', 'Here', 'You', 'Youtube', 'i', 'Hereby']);
  });

  it('userlm refuses each case by its own reason; none refuses nothing', () => {
    const cases: Array<[string, string[]]> = [
      ['I would like a poem', []],
      ['You are a poet, write', []],
      ["Here's the thing though ok", []],
      ['too short', []],
      [Array.from({ length: 26 }, () => 'w').join(' '), []],
      ['write me a poem now', ['write me a poem now']],
    ];
    expect(cases.map(([text, previous]) => findTurnViolation(turn(text), previous, GUARDRAIL_SET_USERLM, 4))).toEqual([
      'forbidden_first_word', 'forbidden_first_word', 'forbidden_first_word', 'too_short', 'too_long', 'repeated',
    ]);
    expect(cases.map(([text, previous]) => findTurnViolation(turn(text), previous, GUARDRAIL_SET_NONE, 4))).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(findTurnViolation({ text: '', ends: true }, ['a b c', 'd e f', 'g h i'], GUARDRAIL_SET_USERLM, 4)).toBe('early_end');
    expect(findTurnViolation({ text: 'thanks bye', ends: true }, ['a b c', 'd e f', 'g h i'], GUARDRAIL_SET_USERLM, 4)).toBeUndefined();
  });

  it('reads a set file (keys left out are off) and refuses a bad one naming the file', () => {
    const path = join(workDirectory, 'mine.json');
    writeFileSync(path, JSON.stringify({ maximum_words: 40, forbidden_first_words: ['Sure'] }));
    expect(resolveGuardrailSet(path)).toEqual({ name: 'mine.json', wordWindow: { minimum: 0, maximum: 40 }, rejectVerbatimRepeat: false, forbiddenFirstWords: ['Sure'], checkEndTiming: false });
    expect(resolveGuardrailSet('userlm')).toBe(GUARDRAIL_SET_USERLM);
    expect(() => parseGuardrailFile('{"max_words": 3}', 'bad.json')).toThrow('bad.json line 1: expected keys minimum_words, maximum_words, reject_verbatim_repeat, forbidden_first_words, check_end_timing, found "max_words"');
    expect(() => parseGuardrailFile('{"minimum_words": 9, "maximum_words": 3}', 'bad.json')).toThrow('bad.json line 1: expected maximum_words ≥ minimum_words (9), found 3');
    expect(() => parseGuardrailFile('{"reject_verbatim_repeat": "yes"}', 'bad.json')).toThrow('bad.json line 1: expected reject_verbatim_repeat to be true or false, found "yes"');
  });
});
