import { describe, expect, it } from 'vitest';
import { RealsimError } from '../../src/core/realsim-error.js';
import { describeByteSize } from '../../src/load/describe-byte-size.js';
import { INPUT_FORMATS, detectInputFormat } from '../../src/load/detect-input-format.js';
import { findInvalidUtf8Offset } from '../../src/load/find-invalid-utf8-offset.js';
import { flattenMessageContent } from '../../src/load/flatten-message-content.js';
import { locateJsonSyntaxError } from '../../src/load/locate-json-syntax-error.js';
import { normalizeMessageRole } from '../../src/load/normalize-message-role.js';

describe('detectInputFormat', () => {
  it('recognizes each layout by its fields', () => {
    expect(detectInputFormat({ conversation_id: 'x', model: 'gpt-4', conversation: [] }, 'f')).toBe('realsim-json');
    expect(detectInputFormat({ conversation_hash: 'h', turn: 1, conversation: [] }, 'f')).toBe('wildchat-jsonl');
    expect(detectInputFormat({ id: 1, messages: [] }, 'f')).toBe('openai-jsonl');
    expect(detectInputFormat({ id: 1, conversations: [] }, 'f')).toBe('sharegpt');
    expect(detectInputFormat({ pair_id: 'p', real: {} }, 'f')).toBe('mirrorbench-pairs');
    expect(detectInputFormat({ real: {}, simulated: {} }, 'f')).toBe('mirrorbench-pairs');
    expect(detectInputFormat({ conversation_id: 'c', turns: [] }, 'f')).toBe('mirrorbench-turns');
    expect(detectInputFormat({ task_id: 3, traj: [] }, 'f')).toBe('tau-bench');
    expect(INPUT_FORMATS).toHaveLength(7);
  });

  it('refuses records that are not objects or fit no layout', () => {
    expect(() => detectInputFormat(null, 'a.jsonl line 1')).toThrow('a.jsonl line 1: expected a JSON object (one dialogue), found null');
    expect(() => detectInputFormat({}, 'a.jsonl line 1')).toThrow(/found an object with no keys$/);
    expect(() => detectInputFormat({ text: 'x' }, 'w')).toThrow(RealsimError);
  });
});

describe('normalizeMessageRole', () => {
  it('maps aliases in any case and sends non-conversational roles aside', () => {
    expect(normalizeMessageRole('Human')).toEqual({ placement: 'user', role: 'user' });
    expect(normalizeMessageRole('gpt')).toEqual({ placement: 'assistant', role: 'assistant' });
    expect(normalizeMessageRole('MODEL')).toEqual({ placement: 'assistant', role: 'assistant' });
    expect(normalizeMessageRole('function')).toEqual({ placement: 'aside', role: 'function' });
    expect(normalizeMessageRole('narrator')).toBeUndefined();
    expect(normalizeMessageRole('constructor')).toBeUndefined();
  });
});

describe('flattenMessageContent', () => {
  it('joins text parts with a newline and skips non-text parts', () => {
    expect(flattenMessageContent(['a', { type: 'text', text: 'b' }, { type: 'image_url', image_url: {} }], 'c', 'w')).toBe('a\nb');
    expect(flattenMessageContent([], 'c', 'w')).toBe('');
    expect(flattenMessageContent('', 'c', 'w')).toBe('');
  });
});

describe('locateJsonSyntaxError', () => {
  it('finds the offset and what was expected', () => {
    // '{"a":1,}': after the comma at index 6 a property name was due at index 7.
    expect(locateJsonSyntaxError('{"a":1,}')).toEqual({ offset: 7, expected: 'a property name in double quotes' });
    expect(locateJsonSyntaxError('[1,2')).toEqual({ offset: 4, expected: '"," or "]" after an array element' });
    expect(locateJsonSyntaxError('[01]')).toEqual({ offset: 2, expected: '"," or "]" after an array element' });
    expect(locateJsonSyntaxError('"\\x"')).toEqual({ offset: 1, expected: 'a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)' });
    expect(locateJsonSyntaxError('')).toEqual({ offset: 0, expected: 'a JSON value' });
  });
  it('accepts what JSON.parse accepts', () => {
    const text = '{"a":[1,{"b":null}],"c":-1.5e3,"d":"\\u00e9\\n","e":true,"f":false}';
    expect(() => JSON.parse(text)).not.toThrow();
    expect(locateJsonSyntaxError(text)).toBeUndefined();
  });
});

describe('findInvalidUtf8Offset', () => {
  it('points at the first byte that breaks UTF-8', () => {
    expect(findInvalidUtf8Offset(new TextEncoder().encode('café ✓ 😀'))).toBe(-1);
    expect(findInvalidUtf8Offset(Uint8Array.from([0x61, 0xe9, 0x20]))).toBe(1); // Latin-1 é
    expect(findInvalidUtf8Offset(Uint8Array.from([0xc0, 0xaf]))).toBe(0); // overlong "/"
    expect(findInvalidUtf8Offset(Uint8Array.from([0x61, 0xed, 0xa0, 0x80]))).toBe(1); // surrogate D800
    expect(findInvalidUtf8Offset(Uint8Array.from([0x61, 0x62, 0xf0, 0x9f]))).toBe(2); // cut-off emoji
  });
});

describe('describeByteSize', () => {
  it('writes binary units', () => {
    expect(describeByteSize(64 * 1024 * 1024)).toBe('64 MiB');
    expect(describeByteSize(512 * 1024 * 1024)).toBe('512 MiB');
    expect(describeByteSize(1536)).toBe('1.5 KiB');
    expect(describeByteSize(100)).toBe('100 bytes');
  });
});
