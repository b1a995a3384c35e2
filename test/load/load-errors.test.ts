import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { caught } from '../helpers/caught-realsim-error.js';
import type { InputFormat } from '../../src/load/detect-input-format.js';
import { loadDialogueSet } from '../../src/load/load-dialogue-set.js';
import { loadDomainMap } from '../../src/load/load-domain-map.js';
import { loadPairFile } from '../../src/load/load-pair-file.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bad = (name: string): string => relative(process.cwd(), join(repoRoot, 'test/fixtures/bad', name));
const good = (name: string): string => relative(process.cwd(), join(repoRoot, 'test/fixtures/good', name));


const ROLES = '"user", "assistant", "system", "tool" (or "human", "gpt", "bot", "model", "chatbot", "function", "developer", "ipython")';

interface BadCase {
  file: string;
  load: 'set' | 'pairs' | 'domain-map';
  format?: InputFormat;
  code: string;
  /** The message after "<path>" (the path is the one the caller passed). */
  rest: string;
}

const CASES: BadCase[] = [
  { file: 'empty.jsonl', load: 'set', code: 'INPUT_EMPTY', rest: ': expected at least one record, found an empty file (0 bytes)' },
  { file: 'whitespace-only.json', load: 'set', code: 'INPUT_EMPTY', rest: ': expected at least one record, found only whitespace' },
  { file: 'empty-array.json', load: 'set', code: 'INPUT_EMPTY', rest: ': expected at least one record, found an empty array' },
  // Line 3 is `  {"conversation_id": "b", "conversation": [{"role": "user", "content": "yo"},]}`: the "]"
  // after the trailing comma sits at column 79.
  { file: 'invalid-json.json', load: 'set', code: 'INPUT_INVALID_JSON', rest: ' line 3 column 79: expected valid JSON (a value after ","), found "]}"' },
  { file: 'trailing-garbage.json', load: 'set', code: 'INPUT_INVALID_JSON', rest: ' line 2 column 1: expected valid JSON (nothing after the JSON value), found "extra"' },
  // Line 2 ends inside the string "unterminated}]}" (69 characters), so the parser runs off at column 70.
  { file: 'invalid-line.jsonl', load: 'set', code: 'INPUT_INVALID_JSON', rest: ' line 2 column 70: expected valid JSON on this line (a closing double quote), found the end of the line' },
  {
    file: 'unknown-layout.jsonl',
    load: 'set',
    code: 'INPUT_UNKNOWN_LAYOUT',
    rest:
      ' line 1: expected a record in one of the known layouts realsim-json ("conversation_id" + "conversation"), openai-jsonl ("messages"), wildchat-jsonl ("conversation" with "conversation_hash", "turn" or "timestamp"), sharegpt ("conversations"), mirrorbench-pairs ("pair_id", "real" + "simulated"), mirrorbench-turns ("turns"), tau-bench ("task_id" + "traj"), found keys "prompt", "completion", "label"',
  },
  { file: 'missing-role.jsonl', load: 'set', code: 'INPUT_INVALID_RECORD', rest: ` line 3: expected messages[1].role to be one of ${ROLES}, found no "role" field (key "content")` },
  { file: 'unknown-role.jsonl', load: 'set', code: 'INPUT_INVALID_RECORD', rest: ` line 3: expected messages[1].role to be one of ${ROLES}, found "narrator"` },
  {
    file: 'non-string-content.json',
    load: 'set',
    code: 'INPUT_INVALID_RECORD',
    rest: ' record 1: expected conversation[2].content to be a string or an array of text parts, found the number "42"',
  },
  { file: 'null-user-content.jsonl', load: 'set', code: 'INPUT_INVALID_RECORD', rest: ' line 1: expected messages[0].content to be a string or an array of text parts, found null' },
  { file: 'part-text-not-string.jsonl', load: 'set', code: 'INPUT_INVALID_RECORD', rest: ' line 1: expected messages[0].content[0].text to be a string, found an array of 3' },
  { file: 'duplicate-id.jsonl', load: 'set', code: 'INPUT_DUPLICATE_ID', rest: ' line 3: expected a unique id, found "a" again (first at line 1)' },
  { file: 'utf16-bom.jsonl', load: 'set', code: 'INPUT_ENCODING', rest: ': expected UTF-8 text, found a UTF-16 LE byte-order mark (re-save the file as UTF-8)' },
  {
    file: 'utf16-no-bom.jsonl',
    load: 'set',
    code: 'INPUT_ENCODING',
    rest: ': expected UTF-8 text, found a NUL byte at byte 1 (UTF-16 without a byte-order mark, or a binary file)',
  },
  // Line 2 holds "caf\xe9": a Latin-1 é, which UTF-8 reads as a lead byte without its continuation.
  {
    file: 'invalid-utf8.jsonl',
    load: 'set',
    code: 'INPUT_ENCODING',
    rest: ' line 2 column 58: expected UTF-8 text, found the byte 0xe9, which is not valid UTF-8 here (re-save the file as UTF-8)',
  },
  // Loaded with maximumLineBytes 1024: line 2 carries 2,000 "x" characters.
  { file: 'long-line.jsonl', load: 'set', code: 'INPUT_TOO_LARGE', rest: ' line 2: expected a line of at most 1 KiB, found a longer line (store such records in a .json array file, which may hold up to 512 MiB)' },
  { file: 'not-an-object.jsonl', load: 'set', code: 'INPUT_INVALID_RECORD', rest: ' line 2: expected a JSON object (one dialogue), found an array of 2' },
  { file: 'not-an-object.json', load: 'set', code: 'INPUT_INVALID_RECORD', rest: ' record 1: expected a JSON object (one dialogue), found the string "just a string"' },
  {
    file: 'messages-not-array.jsonl',
    load: 'set',
    code: 'INPUT_INVALID_RECORD',
    rest: ' line 1: expected messages to be an array of messages, found the string "user: hello assistant: hi"',
  },
  { file: 'no-user-turn.jsonl', load: 'set', code: 'INPUT_INVALID_RECORD', rest: ' line 2: expected messages to contain at least one user message, found only roles "system", "assistant"' },
  {
    file: 'format-mismatch.jsonl',
    load: 'set',
    format: 'sharegpt',
    code: 'INPUT_UNKNOWN_LAYOUT',
    rest: ' line 1: expected a sharegpt record ("conversations") as the format override says, found keys "id", "messages"; it looks like openai-jsonl: drop the format override or use "openai-jsonl"',
  },
  {
    file: 'pair-missing-simulated.jsonl',
    load: 'pairs',
    code: 'INPUT_INVALID_RECORD',
    rest: ' line 2: expected simulated to be an object with "simulator" and "messages", found nothing',
  },
  { file: 'pair-duplicate-id.jsonl', load: 'pairs', code: 'INPUT_DUPLICATE_ID', rest: ' line 3: expected a unique pair_id, found "p-1" again (first at line 1)' },
  {
    file: 'pair-two-simulators.jsonl',
    load: 'pairs',
    code: 'INPUT_INVALID_RECORD',
    rest: ` line 2: expected simulated.simulator to be "sim-a" as in ${bad('pair-two-simulators.jsonl')} line 1 (one simulator per pair file), found "sim-b"`,
  },
  {
    file: 'domain-map-not-strings.json',
    load: 'domain-map',
    code: 'CONFIG',
    rest: ': expected the value of "learning" to be a domain name, found an array of 1',
  },
];

function load(badCase: BadCase): Promise<unknown> {
  const path = bad(badCase.file);
  if (badCase.load === 'pairs') return loadPairFile(path, {});
  if (badCase.load === 'domain-map') return loadDomainMap(path);
  return loadDialogueSet([path], {
    name: 'real',
    kind: 'real',
    maximumLineBytes: 1024,
    ...(badCase.format ? { format: badCase.format } : {}),
  });
}

describe('bad inputs give one-line errors naming file and line or record', () => {
  it('has a case for every fixture in test/fixtures/bad (at least 15)', () => {
    const fixtures = readdirSync(join(repoRoot, 'test/fixtures/bad')).sort();
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
    expect(CASES.map((badCase) => badCase.file).sort()).toEqual(fixtures);
  });

  for (const badCase of CASES) {
    it(badCase.file, async () => {
      const error = await caught(() => load(badCase));
      expect(error.message).toBe(`${bad(badCase.file)}${badCase.rest}`);
      expect(error.code).toBe(badCase.code);
      expect(error.message).not.toContain('\n');
    });
  }
});

describe('errors that need no fixture file', () => {
  it('a missing path', async () => {
    const path = bad('does-not-exist.jsonl');
    const error = await caught(() => loadDialogueSet([path], { name: 'real', kind: 'real' }));
    expect(error.code).toBe('INPUT_NOT_FOUND');
    expect(error.message).toBe(`${path}: expected a file or directory, found nothing at this path`);
  });

  it('a directory without input files', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'realsim-empty-'));
    try {
      const error = await caught(() => loadDialogueSet([directory], { name: 'real', kind: 'real' }));
      expect(error.code).toBe('INPUT_EMPTY');
      expect(error.message).toBe(`${directory}: expected at least one .json or .jsonl file in the directory, found none`);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('a JSON file over the file-size limit', async () => {
    const path = good('realsim-mini.json');
    const bytes = statSync(path).size; // 811 bytes as committed: over 100, under 1 KiB
    const error = await caught(() => loadDialogueSet([path], { name: 'real', kind: 'real', maximumFileBytes: 100 }));
    expect(error.code).toBe('INPUT_TOO_LARGE');
    expect(error.message).toBe(
      `${path}: expected a JSON file of at most 100 bytes, found ${bytes} bytes (write large inputs as JSONL, one record per line)`,
    );
  });

  it('a pair file given as a dialogue set, and a dialogue file given as a pair file', async () => {
    const pairs = good('pairs.jsonl');
    const asSet = await caught(() => loadDialogueSet([pairs], { name: 'real', kind: 'real' }));
    expect(asSet.code).toBe('USAGE');
    expect(asSet.message).toBe(
      `${pairs} line 1: expected a file of single dialogues, found a mirrorbench-pairs record (real and simulated together); load pair files with --pairs`,
    );
    const openai = good('openai.jsonl');
    const asPairs = await caught(() => loadPairFile(openai, {}));
    expect(asPairs.code).toBe('USAGE');
    expect(asPairs.message).toBe(
      `${openai} line 1: expected a mirrorbench-pairs record ("pair_id", "real" + "simulated"), found a record in the openai-jsonl layout; load it with --real or --sim`,
    );
  });

  it('an id repeated across two files with the same stem', async () => {
    // good/books/stories.jsonl given twice: every id occurs in two files, so each gets "stories/", and
    // the first one, "stories/shared-1" on line 1, collides with its copy.
    const path = good('books/stories.jsonl');
    const error = await caught(() => loadDialogueSet([path, path], { name: 'real', kind: 'real' }));
    expect(error.code).toBe('INPUT_DUPLICATE_ID');
    expect(error.message).toBe(`${path} line 1: expected a unique id, found "stories/shared-1" again (first at line 1)`);
  });
});
