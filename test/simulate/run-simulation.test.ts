import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import { simulateCommand, type SimulateCommandOptions } from '../../src/cli/simulate-command.js';
import { loadDialogueSet } from '../../src/load/load-dialogue-set.js';
import { choosePersona } from '../../src/simulate/choose-persona.js';
import { loadSimulationScenarios } from '../../src/simulate/load-simulation-scenarios.js';
import type { SimulatedDialogueRecord } from '../../src/simulate/simulated-dialogue-record.js';
import type { ChatCompletionsServer } from '../llm/chat-completions-server.js';
import { ASSISTANT_MODEL, USER_MODEL, startScriptedDialogueServer, type UserTurnRequest } from './scripted-dialogue-server.js';

const repositoryRoot = resolve(import.meta.dirname, '..', '..');
const sharedDatasets = process.env.REALSIM_SHARED_DATASETS ?? resolve(repositoryRoot, '..', 'shared', 'datasets');
const workDirectory = mkdtempSync(join(tmpdir(), 'realsim-simulate-'));
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

let server: ChatCompletionsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const readRecords = (path: string): SimulatedDialogueRecord[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as SimulatedDialogueRecord);

/** A scripted user that ends at turn 5 + (length of the task mod 7), so some dialogues hit the 10-turn stop; turn 2's first sample (seed 0 or 3, the runs' seeds) is too short. */
function variedUser({ turnNumber, seed, task }: UserTurnRequest): string {
  if (turnNumber === 2 && (seed === 0 || seed === 3)) return 'ok';
  if (turnNumber >= 5 + (task.length % 7)) return '<END>';
  return `about ${task.split(' ').slice(0, 4).join(' ')}, part ${turnNumber}`;
}

function commandOptions(overrides: Partial<SimulateCommandOptions>): SimulateCommandOptions {
  return {
    scenarios: '',
    simulator: 'scripted',
    userModel: USER_MODEL,
    assistantModel: ASSISTANT_MODEL,
    persona: 'generic',
    maxTurns: '10',
    seed: '0',
    concurrency: '3',
    flipRoles: 'true',
    maxRegenerations: '3',
    minUserTurns: '4',
    guardrails: 'userlm',
    endToken: '<END>',
    option: ['llm.backoff-ms=1'],
    out: '',
    ...overrides,
  };
}

describe('choosePersona', () => {
  const candidates = { branding_0: ['p0', 'p1', 'p2', 'p3', 'p4'], email_7: ['e0', 'e1', 'e2', 'e3', 'e4'] };
  it('picks candidate (first 32 bits of sha256("<seed>\\0<id>")) mod 5, the same every time', () => {
    // sha256("0\0branding_0") starts 0x9a9e...: 2594017803 mod 5 = 3; seed 1: 3350242876 mod 5 = 1; "0\0email_7": 1014821893 mod 5 = 3
    expect(choosePersona('informed', 'branding_0', 0, candidates)).toBe('p3');
    expect(choosePersona('informed', 'branding_0', 1, candidates)).toBe('p1');
    expect(choosePersona('informed', 'email_7', 0, candidates)).toBe('e3');
    expect(choosePersona('generic', 'branding_0', 0, candidates)).toBe('a human user');
    expect(() => choosePersona('informed', 'poetry_1', 0, candidates)).toThrow('--persona informed: expected candidate personas for scenario "poetry_1" in the persona file, found none');
  });
});

describe('loadSimulationScenarios', () => {
  it('reads a scenario map (domain = key before the last "_"), a scenarios JSONL, and dialogues (offline scenario)', async () => {
    const map = join(workDirectory, 'map.json');
    writeFileSync(map, JSON.stringify({ lit_analysis_3: 'interacting with a chatbot to analyse a poem.', email_0: 'interacting with a chatbot to write an email.' }));
    expect(await loadSimulationScenarios(map)).toEqual([
      { scenarioId: 'lit_analysis_3', domain: 'lit_analysis', scenario: 'interacting with a chatbot to analyse a poem.' },
      { scenarioId: 'email_0', domain: 'email', scenario: 'interacting with a chatbot to write an email.' },
    ]);
    const jsonl = join(workDirectory, 'scenarios.jsonl');
    writeFileSync(jsonl, `${JSON.stringify({ scenario_id: 'd1', dialogue_id: 'd1', domain: 'travel', scenario: 'interacting with a chatbot to plan a trip', backend: 'x' })}\n`);
    expect(await loadSimulationScenarios(jsonl)).toEqual([{ scenarioId: 'd1', domain: 'travel', scenario: 'interacting with a chatbot to plan a trip' }]);
    const dialogues = join(workDirectory, 'cooking.jsonl');
    writeFileSync(dialogues, `${JSON.stringify({ id: 'c1', messages: [{ role: 'user', content: 'Hi! Can you write a recipe for pancakes?' }, { role: 'assistant', content: 'Sure.' }] })}\n`);
    expect(await loadSimulationScenarios(dialogues)).toEqual([{ scenarioId: 'c1', domain: 'cooking', scenario: 'interacting with a chatbot to write a recipe for pancakes' }]);
  });
});

describe('simulateCommand', () => {
  it('resumes: a cut last line is dropped and redone, finished scenarios are not re-sent, the result is in scenario order and loads as a simulated set', async () => {
    const map = join(workDirectory, 'six.json');
    const keys = ['travel_0', 'travel_1', 'email_0', 'email_1', 'poetry_0', 'poetry_1'];
    writeFileSync(map, JSON.stringify(Object.fromEntries(keys.map((key, index) => [key, `interacting with a chatbot to do task number ${index} for ${key}`]))));
    const personas = join(workDirectory, 'personas.json');
    writeFileSync(personas, JSON.stringify(Object.fromEntries(keys.map((key) => [key, [`${key} a`, `${key} b`, `${key} c`, `${key} d`, `${key} e`]]))));
    server = await startScriptedDialogueServer(variedUser);
    const base = { scenarios: map, personas, persona: 'informed', option: ['llm.backoff-ms=1', `llm.base-url=${server.baseUrl}`] };

    const reference = join(workDirectory, 'reference.jsonl');
    await simulateCommand(commandOptions({ ...base, out: reference, concurrency: '1' }), silentProgress);
    const referenceText = readFileSync(reference, 'utf8');
    const requestsForAll = server.requestCount();

    // a killed run: two finished lines (out of order) and half of a third
    const lines = referenceText.split('\n');
    const resumed = join(workDirectory, 'resumed.jsonl');
    writeFileSync(resumed, `${lines[3]}\n${lines[0]}\n${(lines[1] ?? '').slice(0, 40)}`);
    await simulateCommand(commandOptions({ ...base, out: resumed, concurrency: '4' }), silentProgress);
    expect(readFileSync(resumed, 'utf8')).toBe(referenceText);
    // requests of one dialogue: user attempts (accepted turns + regenerations + a final "<END>" alone) + assistant replies
    const requestsOf = (record: SimulatedDialogueRecord) =>
      record.user_turns + record.guardrails.resamples + (record.ended_by === 'end-token' ? 1 : 0) + record.messages.filter((message) => message.role === 'assistant').length;
    const finishedRequests = [0, 3].reduce((sum, index) => sum + requestsOf(JSON.parse(lines[index] ?? '{}') as SimulatedDialogueRecord), 0);
    expect(server.requestCount() - requestsForAll).toBe(requestsForAll - finishedRequests);

    const records = readRecords(resumed);
    expect(records.map((record) => record.scenario_id)).toEqual(keys);
    expect(records.every((record) => record.persona === choosePersona('informed', record.scenario_id, 0, JSON.parse(readFileSync(personas, 'utf8')) as Record<string, string[]>))).toBe(true);
    expect(records.every((record) => record.guardrails.too_short === 1 && record.guardrails.resamples === 1)).toBe(true);
    const set = await loadDialogueSet([resumed], { name: 'scripted', kind: 'simulated' });
    expect(set.format).toBe('openai-jsonl');
    expect(set.dialogues.map((dialogue) => dialogue.scenarioId)).toEqual(keys);
    expect(set.dialogues[2]).toMatchObject({ source: 'scripted', domain: 'email', persona: records[2]?.persona });
    // a dialogue the simulator ended with its token loads as ended by the user
    expect(set.dialogues.map((dialogue) => dialogue.userEndedDialogue === true)).toEqual(records.map((record) => record.ended_by === 'end-token'));

    // dialogues made with other guardrails are refused too
    await expect(simulateCommand(commandOptions({ ...base, guardrails: 'none', out: resumed }), silentProgress)).rejects.toThrow(
      /expected dialogues made with prompt "user-simulator\.txt@[0-9a-f]{12}" and guardrails "none" to resume, found prompt "user-simulator\.txt@[0-9a-f]{12}" and guardrails "userlm" on line 1/,
    );
    // another simulator's file is refused rather than silently mixed
    await expect(simulateCommand(commandOptions({ ...base, simulator: 'other', out: resumed }), silentProgress)).rejects.toThrow(
      /expected dialogues of simulator "other" with persona "informed" to resume, found simulator "scripted"/,
    );
  });

  it('refuses bad flags with one line listing the choices', async () => {
    await expect(simulateCommand(commandOptions({ scenarios: 'x.json', out: 'o.jsonl', persona: 'expert' }), silentProgress)).rejects.toThrow(
      '--persona: expected one of "generic", "informed", found "expert"',
    );
    await expect(simulateCommand(commandOptions({ scenarios: 'x.json', out: 'o.jsonl', flipRoles: 'yes' }), silentProgress)).rejects.toThrow(
      '--flip-roles: expected one of "true", "false", found "yes"',
    );
    await expect(simulateCommand(commandOptions({ scenarios: 'x.json', out: 'o.jsonl', guardrails: 'length' }), silentProgress)).rejects.toThrow(
      '--guardrails: expected "none", "userlm" or a guardrail set file (JSON), found "length" (no such file)',
    );
  });
});

// Needs ../shared/datasets (the realsim scenario map) and a built dist/ (npm test builds it in `pretest`).
describe.skipIf(!existsSync(join(sharedDatasets, 'realsim', 'all_extracted_scenarios.json')))('realsim simulate CLI killed and resumed (needs ../shared)', () => {
  it('gives 50 complete dialogues, none duplicated, each ≤ 10 user turns with guardrail counts', async () => {
    const scenariosPath = join(sharedDatasets, 'realsim', 'all_extracted_scenarios.json');
    const firstKeys = Object.keys(JSON.parse(readFileSync(scenariosPath, 'utf8')) as Record<string, string>).slice(0, 50);
    const out = join(workDirectory, 'cli-sims.jsonl');
    const completeLines = () => (existsSync(out) ? readFileSync(out, 'utf8').split('\n').length - 1 : 0);
    // once 12 dialogues are written, every further request is held unanswered: the run then stands still
    // part-way whatever the machine's speed, and is killed there (held requests are never answered)
    let phase: 'first' | 'holding' | 'resumed' = 'first';
    server = await startScriptedDialogueServer(variedUser, {
      fault: () => {
        if (phase === 'first' && completeLines() >= 12) phase = 'holding';
        return phase === 'holding' ? 'hang' : undefined;
      },
    });
    const args = [
      join(repositoryRoot, 'bin', 'realsim.js'), 'simulate', '--scenarios', scenariosPath, '--limit', '50', '--simulator', 'scripted',
      '--user-model', USER_MODEL, '--user-base-url', server.baseUrl, '--assistant-model', ASSISTANT_MODEL, '--assistant-base-url', server.baseUrl,
      '--persona', 'informed', '--seed', '3', '--guardrails', 'userlm', '--concurrency', '4', '--option', 'llm.backoff-ms=1', '--out', out,
    ];
    const runCli = (killAfterLines: number | undefined) =>
      new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolvePromise) => {
        const child = spawn(process.execPath, args, { env: { ...process.env, NO_COLOR: '1', CI: 'true', OPENAI_API_KEY: 'sk-test-secret-key' } });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        // killed once the endpoint holds every request and the 4 dialogues in flight wait on it
        const poll = killAfterLines === undefined ? undefined : setInterval(() => phase === 'holding' && server?.heldCount() === 4 && completeLines() >= killAfterLines && child.kill('SIGKILL'), 10);
        child.on('exit', (code, signal) => {
          if (poll) clearInterval(poll);
          resolvePromise({ code, signal, stderr });
        });
      });

    const killed = await runCli(12);
    expect(killed.signal).toBe('SIGKILL');
    const linesAfterKill = completeLines();
    expect(linesAfterKill).toBeGreaterThanOrEqual(12);
    expect(linesAfterKill).toBeLessThan(50);
    // as if killed in the middle of a write: half a record of an unfinished scenario, no newline
    appendFileSync(out, '{"id":"scripted/unfinished","scenario_id":"');
    const requestsBeforeResume = server.requestCount();
    phase = 'resumed';

    const resumed = await runCli(undefined);
    expect(resumed.stderr).not.toContain('internal error');
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`${linesAfterKill} dialogues already in`);
    expect(resumed.stderr).toContain('removed an incomplete last line');
    const records = readRecords(out);
    expect(records.map((record) => record.scenario_id)).toEqual(firstKeys);
    expect(new Set(records.map((record) => record.id)).size).toBe(50);
    for (const record of records) {
      const userTurns = record.messages.filter((message) => message.role === 'user').length;
      expect(userTurns).toBe(record.user_turns);
      expect(userTurns).toBeLessThanOrEqual(10);
      expect(userTurns).toBeGreaterThanOrEqual(4);
      expect(record.guardrails).toEqual({ too_short: 1, too_long: 0, repeated: 0, forbidden_first_word: 0, early_end: 0, resamples: 1, accepted_after_cap: 0 });
      expect(record.guardrail_set).toBe('userlm');
      expect(['end-token', 'max-turns']).toContain(record.ended_by);
    }
    expect(records.some((record) => record.ended_by === 'max-turns')).toBe(true);
    expect(records.some((record) => record.ended_by === 'end-token')).toBe(true);
    expect(server.requestCount()).toBeGreaterThan(requestsBeforeResume);
    // the key went only into the Authorization header, never into the output
    expect(readFileSync(out, 'utf8')).not.toContain('sk-test-secret-key');
    const set = await loadDialogueSet([out], { name: 'scripted', kind: 'simulated' });
    expect(set.dialogues.map((dialogue) => dialogue.scenarioId)).toEqual(firstKeys);
    expect(set.dialogues.every((dialogue) => dialogue.source === 'scripted')).toBe(true);
  });
});
