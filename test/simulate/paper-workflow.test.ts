import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { resolvePresetSettings } from '../../src/cli/simulate-command.js';
import type { SimulatedDialogueRecord } from '../../src/simulate/simulated-dialogue-record.js';
import { startChatCompletionsServer, type ChatCompletionsServer, type ChatRequestBody } from '../llm/chat-completions-server.js';
import { readUserTurnRequest, scriptedAssistantAnswer } from './scripted-dialogue-server.js';

// Runs the README's paper workflow block command by command through bin/realsim.js (npm test builds dist/ first).
const repositoryRoot = resolve(import.meta.dirname, '..', '..');
const workDirectory = mkdtempSync(join(tmpdir(), 'realsim-paper-workflow-'));
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));
let server: ChatCompletionsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The shell commands of the first sh block after "The paper workflow, end to end": comments dropped, continuations joined. */
function readmeWorkflowCommands(readme: string): string[][] {
  const after = readme.slice(readme.indexOf('The paper workflow, end to end'));
  const block = /```sh\n([\s\S]*?)```/.exec(after)?.[1] ?? '';
  return block
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(/\s+/));
}

/** The loopback endpoint for every step: scenario sentences, personas, the user simulator (gpt-4o) and the chatbot. */
function answerWorkflowRequest(body: ChatRequestBody): string {
  const system = body.messages[0]?.content ?? '';
  const shown = body.messages[1]?.content ?? '';
  if (system.startsWith('You read a conversation')) {
    const firstWords = (/User message 1:\n<<<\n(.*)/.exec(shown)?.[1] ?? '').toLowerCase().replace(/[^a-z ]/g, '').split(' ').slice(0, 4).join(' ');
    return JSON.stringify({ scenario: `interacting with a chatbot to ${firstWords}` });
  }
  if (system.startsWith('You are given a task')) {
    const task = /Task: interacting with a chatbot to (.*)/.exec(shown)?.[1] ?? '';
    return JSON.stringify({ personas: ['a student', 'a retired teacher', 'a nurse on night shifts', 'a shop owner', 'a software developer'].map((who) => `${who} who wants to ${task}`) });
  }
  if (body.model === 'gpt-4o') {
    const { turnNumber, task } = readUserTurnRequest(body);
    return turnNumber === 5 ? '<END>' : `about ${task}, part ${turnNumber}`;
  }
  return scriptedAssistantAnswer(body);
}

function runRealsim(args: string[], environment: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [join(repositoryRoot, 'bin', 'realsim.js'), ...args], {
      cwd: workDirectory,
      env: { ...process.env, ...environment, NO_COLOR: '1', CI: 'true' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolvePromise({ code, stderr }));
  });
}

const readRecords = (path: string): SimulatedDialogueRecord[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as SimulatedDialogueRecord);

describe('--preset', () => {
  it('paper is the prompted-simulator setting; paper-userlm adds the userlm guardrails and its end token; flags win', () => {
    expect(resolvePresetSettings({ preset: 'paper' })).toEqual({ maxTurns: '10', minUserTurns: '4', guardrails: 'none', endToken: '<END>', flipRoles: 'true' });
    expect(resolvePresetSettings({ preset: 'paper-userlm' })).toEqual({ maxTurns: '10', minUserTurns: '4', guardrails: 'userlm', endToken: '<|endconversation|>', flipRoles: 'true' });
    expect(resolvePresetSettings({ preset: 'paper-userlm', maxTurns: '6' }).maxTurns).toBe('6');
    expect(resolvePresetSettings({})).toEqual(resolvePresetSettings({ preset: 'paper' }));
    expect(() => resolvePresetSettings({ preset: 'mirror' })).toThrow('--preset: expected one of "paper", "paper-userlm", found "mirror"');
  });
});

describe("the README's paper workflow", () => {
  it('runs as written against a loopback server: scenarios → personas → simulate generic and informed → evaluate, paired on every scenario', async () => {
    const commands = readmeWorkflowCommands(readFileSync(join(repositoryRoot, 'README.md'), 'utf8'));
    expect(commands.map((command) => command.slice(0, 2).join(' '))).toEqual(['realsim scenarios', 'realsim personas', 'realsim simulate', 'realsim simulate', 'realsim evaluate']);
    mkdirSync(join(workDirectory, 'real_dialogues'));
    const real = {
      travel: ['Plan a weekend in Lisbon for two', 'Find a cheap flight to Rome in May', 'Suggest a packing list for a ski trip'],
      cooking: ['Give me a vegan lasagna recipe', 'How long do I boil an egg', 'Make a shopping list for tacos'],
    };
    for (const [domain, openings] of Object.entries(real)) {
      const lines = openings.map((opening, index) =>
        JSON.stringify({ id: `${domain}-${index}`, messages: [{ role: 'user', content: opening }, { role: 'assistant', content: 'Sure, here you go.' }, { role: 'user', content: 'thanks' }] }),
      );
      writeFileSync(join(workDirectory, 'real_dialogues', `${domain}.jsonl`), `${lines.join('\n')}\n`);
    }
    server = await startChatCompletionsServer({ answer: answerWorkflowRequest });
    const environment = { REALSIM_LLM_BASE_URL: server.baseUrl, REALSIM_LLM_API_KEY: 'sk-workflow-secret', OPENAI_API_KEY: '' };
    for (const command of commands) {
      const result = await runRealsim(command.slice(1), environment);
      expect(result.stderr).not.toContain('internal error');
      expect([command.join(' '), result.code]).toEqual([command.join(' '), 0]);
    }
    const scenarios = readFileSync(join(workDirectory, 'scenarios.jsonl'), 'utf8').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { scenario_id: string; scenario: string });
    expect(scenarios).toHaveLength(6);
    expect(scenarios[0]?.scenario).toBe('interacting with a chatbot to give me a vegan');
    const personas = JSON.parse(readFileSync(join(workDirectory, 'personas.json'), 'utf8')) as Record<string, string[]>;
    expect(Object.keys(personas)).toEqual(scenarios.map((scenario) => scenario.scenario_id));
    const generic = readRecords(join(workDirectory, 'sims', 'generic.jsonl'));
    const informed = readRecords(join(workDirectory, 'sims', 'informed.jsonl'));
    expect(generic.every((record) => record.persona === 'a human user' && record.guardrail_set === 'none' && record.user_turns === 4)).toBe(true);
    expect(informed.every((record) => personas[record.scenario_id]?.includes(record.persona))).toBe(true);
    const markdown = readFileSync(join(workDirectory, 'report', 'report.md'), 'utf8');
    expect(markdown).toContain('gpt4o-generic');
    expect(markdown.match(/paired on 6 scenarios/g)).toHaveLength(2);
    for (const file of ['scenarios.jsonl', 'personas.json', join('sims', 'generic.jsonl'), join('sims', 'informed.jsonl'), join('report', 'report.json')]) {
      expect(readFileSync(join(workDirectory, file), 'utf8')).not.toContain('sk-workflow-secret');
    }
  }, 300_000);
});
