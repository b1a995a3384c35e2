import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDialogueSet } from '../../src/load/load-dialogue-set.js';
import { loadDomainMap } from '../../src/load/load-domain-map.js';
import { loadPairFile } from '../../src/load/load-pair-file.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Paths as a caller in the current directory would give them; error messages and origins echo them. */
const good = (name: string): string => relative(process.cwd(), join(repoRoot, 'test/fixtures/good', name));
const real = { name: 'real', kind: 'real' } as const;

function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('loadDialogueSet: openai-jsonl', () => {
  it('splits turns from aside, flattens parts, keeps empty user messages and numbers lines', async () => {
    const file = good('openai.jsonl');
    const set = await loadDialogueSet([file], real);
    expect(set.format).toBe('openai-jsonl');
    expect(set.dialogues.map((dialogue) => dialogue.id)).toEqual(['o-1', '2', 'openai-line-4']);
    const [first, second, third] = set.dialogues;
    expect(first).toEqual({
      id: 'o-1',
      source: 'real',
      domain: 'email',
      scenarioId: 'email_0',
      persona: 'a busy office manager',
      turns: [
        { role: 'user', text: 'Write an email asking for a day off.' },
        { role: 'assistant', text: 'Dear manager, ...' },
        { role: 'user', text: '' },
        { role: 'assistant', text: 'Is there anything else?' },
      ],
      aside: [{ role: 'system', text: 'You are a helpful assistant.', position: 0 }],
      origin: { file, line: 1, format: 'openai-jsonl' },
    });
    // Record on line 3 (line 2 is blank): numeric id 2 → "2"; no domain field → file stem "openai";
    // the image part is skipped and the two text parts are joined with "\n"; the tool-calling assistant
    // message (content null) and the tool result go aside with their positions 2 and 3.
    expect(second?.domain).toBe('openai');
    expect(second?.origin).toEqual({ file, line: 3, format: 'openai-jsonl' });
    expect(second?.turns).toEqual([
      { role: 'user', text: 'What is in this picture?\nIt is my cat.' },
      { role: 'assistant', text: 'A grey cat.' },
    ]);
    expect(second?.aside.map((message) => [message.role, message.position])).toEqual([
      ['developer', 0],
      ['tool_call', 2],
      ['tool', 3],
    ]);
    expect(second?.aside[0]?.text).toBe('Be brief.');
    expect(JSON.parse(second?.aside[1]?.text ?? 'null')[0].function.name).toBe('describe_image');
    // "Human" / "Bot" are aliases (any case) for user / assistant.
    expect(third?.turns).toEqual([
      { role: 'user', text: 'hi' },
      { role: 'assistant', text: 'hello' },
    ]);
    expect(set.fingerprints).toEqual([{ path: file, sha256: sha256Of(file), bytes: statSync(file).size }]);
  });

  it('names the source after the simulator for simulated sets and maps domains', async () => {
    const set = await loadDialogueSet([good('openai.jsonl')], {
      name: 'my-simulator',
      kind: 'simulated',
      domainMap: { email: 'work', openai: 'misc' },
    });
    expect(set.kind).toBe('simulated');
    expect(set.name).toBe('my-simulator');
    expect(set.dialogues.map((dialogue) => dialogue.source)).toEqual(['my-simulator', 'my-simulator', 'my-simulator']);
    expect(set.dialogues.map((dialogue) => dialogue.domain)).toEqual(['work', 'misc', 'misc']);
  });
});

describe('loadDialogueSet: other layouts', () => {
  it('reads ShareGPT from/value (JSON array, recordIndex origins)', async () => {
    const file = good('sharegpt.json');
    const set = await loadDialogueSet([file], real);
    expect(set.format).toBe('sharegpt');
    const [first, second] = set.dialogues;
    expect(first?.turns.map((turn) => turn.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(first?.turns[2]?.text).toBe('Another one.');
    expect(first?.aside).toEqual([{ role: 'system', text: 'You are a poet.', position: 0 }]);
    expect(first?.origin).toEqual({ file, recordIndex: 0, format: 'sharegpt' });
    expect(first?.domain).toBe('sharegpt');
    expect(second?.domain).toBe('music');
    expect(second?.turns).toEqual([
      { role: 'user', text: 'Name a chord.' },
      { role: 'assistant', text: 'C major.' },
    ]);
    expect(second?.origin.recordIndex).toBe(1);
  });

  it('reads WildChat exports (id from conversation_id, else conversation_hash)', async () => {
    const set = await loadDialogueSet([good('wildchat.jsonl')], real);
    expect(set.format).toBe('wildchat-jsonl');
    expect(set.dialogues.map((dialogue) => dialogue.id)).toEqual(['hash-1', 'wc-2']);
    expect(set.dialogues[0]?.turns.filter((turn) => turn.role === 'user').map((turn) => turn.text)).toEqual([
      'plan a trip to Rome',
      'cheaper please',
    ]);
    expect(set.dialogues[1]?.turns[1]?.text).toBe('¡Hola! ¿En qué puedo ayudarte?');
  });

  it('reads the realsim layout with extracted_scenario and an empty user message', async () => {
    const set = await loadDialogueSet([good('realsim-mini.json')], real);
    expect(set.format).toBe('realsim-json');
    const [first, second] = set.dialogues;
    expect(first?.id).toBe('r-1');
    expect(first?.scenario).toBe('Exploring investments in Treasury Inflation-Protected Securities (TIPS).');
    expect(first?.turns.filter((turn) => turn.role === 'user').map((turn) => turn.text)).toEqual(['how do TIPS work', '']);
    expect(first?.aside).toEqual([]);
    expect(second?.scenario).toBeUndefined();
    expect(second?.domain).toBe('realsim-mini');
  });

  it('reads tau-bench trajectories: id task/trial, scenario from the task instruction, tools aside', async () => {
    const set = await loadDialogueSet([good('tau-bench.json')], { name: 'tau-user', kind: 'simulated' });
    expect(set.format).toBe('tau-bench');
    const [first, second] = set.dialogues;
    expect(set.dialogues.map((dialogue) => [dialogue.id, dialogue.scenarioId])).toEqual([
      ['7/trial-0', '7'],
      ['7/trial-1', '7'],
    ]);
    expect(first?.scenario).toBe('You are Mia Li. You want to book a one-way flight from New York to Seattle on May 20.');
    expect(second?.scenario).toBeUndefined();
    expect(first?.turns).toEqual([
      { role: 'user', text: "Hi, I'd like to book a flight." },
      { role: 'assistant', text: 'Which date would you like to fly?' },
      { role: 'user', text: 'May 20, from New York to Seattle.' },
    ]);
    expect(first?.aside.map((message) => [message.role, message.position])).toEqual([
      ['system', 0],
      ['tool_call', 2],
      ['tool', 3],
    ]);
    expect(first?.aside[2]?.text).toBe('{"name": "Mia Li"}');
  });

  it('reads MirrorBench turn files with the task description as scenario', async () => {
    const set = await loadDialogueSet([good('mirrorbench-turns.jsonl')], real);
    expect(set.format).toBe('mirrorbench-turns');
    expect(set.dialogues[0]).toMatchObject({
      id: 'm-1',
      domain: 'mirrorbench-turns',
      scenario: 'The user wants a short poem about the sea.',
      turns: [
        { role: 'user', text: 'Write a short poem about the sea.' },
        { role: 'assistant', text: 'Waves fold into foam.' },
        { role: 'user', text: 'Thanks!' },
      ],
    });
  });

  it('accepts a format override that fits and joins the formats of several files', async () => {
    const forced = await loadDialogueSet([good('wildchat.jsonl')], { ...real, format: 'realsim-json' });
    expect(forced.format).toBe('realsim-json');
    expect(forced.dialogues[0]?.origin.format).toBe('realsim-json');
    const mixed = await loadDialogueSet([good('openai.jsonl'), good('sharegpt.json')], real);
    expect(mixed.format).toBe('openai-jsonl+sharegpt');
    expect(mixed.dialogues).toHaveLength(5);
    expect(mixed.fingerprints.map((fingerprint) => fingerprint.path)).toEqual([good('openai.jsonl'), good('sharegpt.json')]);
  });
});

describe('loadDialogueSet: directories', () => {
  it('loads .json/.jsonl files sorted by name, domain = stem, and makes repeated ids unique', async () => {
    const directory = good('books');
    const set = await loadDialogueSet([directory], real);
    // lit_analysis.json sorts before stories.jsonl; notes.txt is skipped. "shared-1" occurs in both
    // files → both get "<stem>/"; "log-1" repeats inside stories.jsonl (a log id) → second is "log-1#2".
    expect(set.dialogues.map((dialogue) => [dialogue.id, dialogue.domain])).toEqual([
      ['lit_analysis/shared-1', 'lit_analysis'],
      ['only-here', 'lit_analysis'],
      ['stories/shared-1', 'stories'],
      ['log-1', 'stories'],
      ['log-1#2', 'stories'],
    ]);
    expect(set.fingerprints.map((fingerprint) => fingerprint.path)).toEqual([
      join(directory, 'lit_analysis.json'),
      join(directory, 'stories.jsonl'),
    ]);
    expect(set.format).toBe('realsim-json');
  });

  it('merges domains through a domain map file', async () => {
    const domainMap = await loadDomainMap(good('domain-map.json'));
    expect(domainMap).toEqual({ stories: 'books', lit_analysis: 'books', education: 'education', learning: 'education' });
    const set = await loadDialogueSet([good('books')], { ...real, domainMap });
    expect(new Set(set.dialogues.map((dialogue) => dialogue.domain))).toEqual(new Set(['books']));
  });
});

describe('loadPairFile', () => {
  it('returns a real and a simulated set that pair by scenarioId', async () => {
    const file = good('pairs.jsonl');
    const { real: realSet, simulated } = await loadPairFile(file, {});
    expect(realSet.name).toBe('chatbot_arena');
    expect(simulated.name).toBe('sim-model');
    expect(realSet.kind).toBe('real');
    expect(simulated.kind).toBe('simulated');
    expect(realSet.dialogues.map((dialogue) => [dialogue.id, dialogue.scenarioId, dialogue.source])).toEqual([
      ['p-1', 'p-1', 'real'],
      ['p-2', 'p-2', 'real'],
    ]);
    expect(simulated.dialogues.map((dialogue) => [dialogue.id, dialogue.scenarioId, dialogue.source])).toEqual([
      ['p-1', 'p-1', 'sim-model'],
      ['p-2', 'p-2', 'sim-model'],
    ]);
    expect(realSet.dialogues[0]?.scenario).toBe('The user wants to know the capital of France.');
    expect(simulated.dialogues[1]?.scenario).toBeUndefined();
    expect(realSet.dialogues[1]?.turns.filter((turn) => turn.role === 'user')).toHaveLength(2);
    expect(simulated.dialogues[1]?.aside).toEqual([{ role: 'system', text: 'You are simulating a user.', position: 0 }]);
    expect(simulated.dialogues[0]?.origin).toEqual({ file, line: 1, format: 'mirrorbench-pairs' });
    expect(realSet.dialogues[0]?.domain).toBe('pairs');
    expect(realSet.fingerprints).toEqual([{ path: file, sha256: sha256Of(file), bytes: statSync(file).size }]);
    expect(simulated.fingerprints).toEqual(realSet.fingerprints);
  });
});

describe('byte-level details', () => {
  it('accepts a UTF-8 byte-order mark and CRLF line ends', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'realsim-bom-'));
    try {
      const jsonl = join(directory, 'crlf.jsonl');
      writeFileSync(jsonl, '\ufeff{"id": "a", "messages": [{"role": "user", "content": "hi"}]}\r\n\r\n{"id": "b", "messages": [{"role": "user", "content": "yo"}]}\r\n');
      const json = join(directory, 'bom.json');
      writeFileSync(json, '\ufeff[{"conversation_id": "c", "conversation": [{"role": "user", "content": "hey"}]}]');
      const set = await loadDialogueSet([jsonl, json], real);
      // files load in path order whatever the order given: bom.json before crlf.jsonl
      expect(set.dialogues.map((dialogue) => [dialogue.id, dialogue.turns[0]?.text, dialogue.origin.line ?? dialogue.origin.recordIndex])).toEqual([
        ['c', 'hey', 0],
        ['a', 'hi', 1],
        ['b', 'yo', 3],
      ]);
      // The fingerprint covers the raw bytes, byte-order mark and carriage returns included.
      expect(set.fingerprints[1]).toEqual({ path: jsonl, sha256: sha256Of(jsonl), bytes: statSync(jsonl).size });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
