import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { caught } from '../helpers/caught-realsim-error.js';
import { loadDialogueSet } from '../../src/load/load-dialogue-set.js';
import { loadDomainMap } from '../../src/load/load-domain-map.js';
import { listInputFiles, normalizeInputPath } from '../../src/load/list-input-files.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const good = (name: string): string => relative(process.cwd(), join(repoRoot, 'test/fixtures/good', name));
const scratch = mkdtempSync(join(tmpdir(), 'realsim-load-hardening-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));


const dialogueLine = (id: string, text: string): string => `${JSON.stringify({ id, messages: [{ role: 'user', content: text }, { role: 'assistant', content: 'ok' }] })}\n`;

describe('#20 item 10: an image-only user message', () => {
  it('is an empty user turn with one warning for the file, not a rejected file', async () => {
    const warnings: string[] = [];
    const file = good('image-only-user-message.jsonl');
    const set = await loadDialogueSet([file], { name: 'real', kind: 'real', warn: (message) => warnings.push(message) });
    expect(set.dialogues[0]?.turns).toEqual([
      { role: 'user', text: '' },
      { role: 'assistant', text: 'nice picture' },
    ]);
    expect(warnings).toEqual([`${file}: 1 message held only parts of type "image_url" and was read as empty turns`]);
  });
});

describe('#20 item 9: a pretty-printed .json file holding one dialogue object', () => {
  it('is one record, the same dialogue as the one-line form', async () => {
    const record = { conversation_id: 'one', conversation: [{ role: 'user', content: 'hello there' }, { role: 'assistant', content: 'hi' }] };
    const pretty = join(scratch, 'pretty.json');
    writeFileSync(pretty, JSON.stringify(record, null, 2));
    const oneLine = join(scratch, 'one-line.json');
    writeFileSync(oneLine, JSON.stringify(record));
    const fromPretty = await loadDialogueSet([pretty], { name: 'real', kind: 'real' });
    const fromOneLine = await loadDialogueSet([oneLine], { name: 'real', kind: 'real' });
    expect(fromPretty.dialogues.map((dialogue) => [dialogue.id, dialogue.turns])).toEqual(fromOneLine.dialogues.map((dialogue) => [dialogue.id, dialogue.turns]));
    expect(fromPretty.dialogues).toHaveLength(1);
  });

  it('still names line and column when the pretty-printed object is broken', async () => {
    const broken = join(scratch, 'broken.json');
    writeFileSync(broken, '{\n  "conversation_id": "x",\n  "conversation": [\n');
    const error = await caught(() => loadDialogueSet([broken], { name: 'real', kind: 'real' }));
    expect(error.code).toBe('INPUT_INVALID_JSON');
    expect(error.message).toMatch(/broken\.json line 1 column 2: expected valid JSON/);
  });
});

describe('#20 item 15: the report does not depend on path order or spelling', () => {
  it('loads --real a --real b and --real b --real a in the same order, relative and absolute alike', async () => {
    const folder = join(scratch, 'order');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.jsonl'), dialogueLine('a1', 'first'));
    writeFileSync(join(folder, 'b.jsonl'), dialogueLine('b1', 'second'));
    const a = join(folder, 'a.jsonl');
    const b = join(folder, 'b.jsonl');
    const forward = await loadDialogueSet([a, b], { name: 'real', kind: 'real' });
    const backward = await loadDialogueSet([b, relative(process.cwd(), a)], { name: 'real', kind: 'real' });
    expect(backward.dialogues.map((dialogue) => dialogue.id)).toEqual(['a1', 'b1']);
    expect(backward.fingerprints).toEqual(forward.fingerprints);
    expect(backward.dialogues.map((dialogue) => dialogue.origin)).toEqual(forward.dialogues.map((dialogue) => dialogue.origin));
  });

  it('spells a path inside the working folder relative with "/", one outside it absolute', () => {
    expect(normalizeInputPath(join(process.cwd(), 'test', 'x.jsonl'))).toBe('test/x.jsonl');
    expect(normalizeInputPath('./test/../test/x.jsonl')).toBe('test/x.jsonl');
    expect(normalizeInputPath(join(scratch, 'x.jsonl'))).toBe(join(scratch, 'x.jsonl'));
  });
});

describe('#20 items 8 and 12: special files and links in input folders', () => {
  it('refuses a FIFO instead of waiting on it forever', async () => {
    const fifo = join(scratch, 'pipe.jsonl');
    execFileSync('mkfifo', [fifo]);
    const error = await caught(() => listInputFiles([fifo]));
    expect(error.message).toBe(`${fifo}: expected a regular file or a folder, found a named pipe (FIFO)`);
  });

  it('skips a symbolic-link loop and a dangling link in a folder with one warning each', async () => {
    const folder = join(scratch, 'links');
    mkdirSync(folder);
    writeFileSync(join(folder, 'real.jsonl'), dialogueLine('r1', 'hello'));
    symlinkSync(join(folder, 'loop-b.jsonl'), join(folder, 'loop-a.jsonl'));
    symlinkSync(join(folder, 'loop-a.jsonl'), join(folder, 'loop-b.jsonl'));
    symlinkSync(join(folder, 'missing.jsonl'), join(folder, 'dangling.jsonl'));
    const warnings: string[] = [];
    const files = await listInputFiles([folder], (message) => warnings.push(message));
    expect(files.map((file) => file.file)).toEqual([`${folder}/real.jsonl`]);
    expect(warnings).toEqual([
      `${folder}/dangling.jsonl: skipped, found a link to nothing`,
      `${folder}/loop-a.jsonl: skipped, found a loop of symbolic links`,
      `${folder}/loop-b.jsonl: skipped, found a loop of symbolic links`,
    ]);
  });
});

describe('#20 item 11: domain-map messages', () => {
  it('says a folder is a folder, and refuses an empty key', async () => {
    expect((await caught(() => loadDomainMap(scratch))).message).toBe(`${scratch}: expected a domain map file (JSON), found a folder`);
    const emptyKey = join(scratch, 'empty-key.json');
    writeFileSync(emptyKey, '{"": "books"}');
    expect((await caught(() => loadDomainMap(emptyKey))).message).toBe(`${emptyKey}: expected each key to be a file stem or domain, found an empty key`);
  });
});

describe('#20 item 11: scenario files for simulate', () => {
  it('a map holds to the rules of the JSONL form, and a BOM is accepted', async () => {
    const { loadSimulationScenarios } = await import('../../src/simulate/load-simulation-scenarios.js');
    const write = (name: string, text: string): string => {
      const path = join(scratch, name);
      writeFileSync(path, text);
      return path;
    };
    const nonString = write('map-non-string.json', '{"travel_1": "plan a trip", "travel_2": 42}');
    expect((await caught(() => loadSimulationScenarios(nonString))).message).toBe(`${nonString} key "travel_2": expected a non-empty scenario string, found the number "42"`);
    const emptyKey = write('map-empty-key.json', '{"": "plan a trip"}');
    expect((await caught(() => loadSimulationScenarios(emptyKey))).message).toBe(`${emptyKey}: expected each key of the scenario map to be a scenario id, found an empty key`);
    const emptyScenario = write('map-empty-scenario.json', '{"travel_1": "  "}');
    expect((await caught(() => loadSimulationScenarios(emptyScenario))).message).toBe(`${emptyScenario} key "travel_1": expected a non-empty scenario string, found the string " "`);
    const withBom = write('with-bom.jsonl', '\ufeff{"scenario_id": "a_1", "scenario": "ask about the weather"}\n');
    expect(await loadSimulationScenarios(withBom)).toEqual([{ scenarioId: 'a_1', domain: 'a', scenario: 'ask about the weather' }]);
  });
});

describe('#20 item 4: feedback repetition stays linear in the number of user turns', () => {
  it('compares a turn with at most REPETITION_LOOKBACK_TURNS earlier turns, each tokenized once', async () => {
    const { findRepeatedRequestAmong, repetitionTurnWords, REPETITION_LOOKBACK_TURNS } = await import('../../dimensions/feedback/find-repeated-request.js');
    const request = 'write a limerick about a cat who loves lasagna';
    const filler = (index: number) => `unrelated question number ${index} about gardening tomatoes`;
    const turnsWithRepeatAt = (distance: number) => [request, ...Array.from({ length: distance - 1 }, (_, index) => filler(index)), `${request} again`].map(repetitionTurnWords);
    const near = turnsWithRepeatAt(REPETITION_LOOKBACK_TURNS);
    expect(findRepeatedRequestAmong(near, near.length - 1)?.earlierIndex).toBe(0);
    const far = turnsWithRepeatAt(REPETITION_LOOKBACK_TURNS + 1);
    expect(findRepeatedRequestAmong(far, far.length - 1)).toBeUndefined();
    expect(REPETITION_LOOKBACK_TURNS).toBe(256);
  });
});
