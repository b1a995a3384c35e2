import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { personasCommand } from '../../src/cli/personas-command.js';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import { validatePersonas } from '../../src/llm/generate-personas-with-llm.js';
import { choosePersona, loadPersonaCandidates } from '../../src/simulate/choose-persona.js';
import { startChatCompletionsServer, type ChatCompletionsServer } from '../llm/chat-completions-server.js';

const workDirectory = mkdtempSync(join(tmpdir(), 'realsim-personas-'));
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));
let server: ChatCompletionsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A loopback persona writer: "person <k> who wants to <first word of the task>", k = 1 … n. */
function personaAnswer(content: string, candidates: number): string {
  const task = /Task: interacting with a chatbot to (\S+)/.exec(content)?.[1] ?? 'nothing';
  return JSON.stringify({ personas: Array.from({ length: candidates }, (_, index) => `person ${index + 1} who wants to ${task}`) });
}

describe('realsim personas', () => {
  it('writes { scenario id: candidates } from the LLM (refused answers retried), which simulate --persona informed reads and picks from with the seed', async () => {
    const scenarios = join(workDirectory, 'scenarios.jsonl');
    writeFileSync(
      scenarios,
      ['write a poem', 'plan a trip', 'fix my code']
        .map((task, index) => JSON.stringify({ scenario_id: `d${index}`, dialogue_id: `d${index}`, domain: 'misc', scenario: `interacting with a chatbot to ${task}`, backend: 'x' }))
        .join('\n') + '\n',
    );
    server = await startChatCompletionsServer({
      answer: (body) => personaAnswer(body.messages[1]?.content ?? '', 3),
      fault: ({ attemptForBody }) => (attemptForBody === 1 ? 'not-json' : undefined),
    });
    const out = join(workDirectory, 'personas.json');
    const options = { scenarios, out, candidates: '3', option: [`llm.base-url=${server.baseUrl}`, 'llm.model=persona-writer', 'llm.backoff-ms=1'], cacheDir: '', cache: false };
    const personas = await personasCommand(options, silentProgress);
    expect(personas).toEqual({
      d0: ['person 1 who wants to write', 'person 2 who wants to write', 'person 3 who wants to write'],
      d1: ['person 1 who wants to plan', 'person 2 who wants to plan', 'person 3 who wants to plan'],
      d2: ['person 1 who wants to fix', 'person 2 who wants to fix', 'person 3 who wants to fix'],
    });
    // 3 items × (1 refused + 1 accepted)
    expect(server.requestCount()).toBe(6);
    expect(server.bodies()[0]?.messages[0]?.content).toContain('Describe 3 different people');
    const text = readFileSync(out, 'utf8');
    expect(text).toBe(`${JSON.stringify(personas, null, 2)}\n`);
    const loaded = loadPersonaCandidates(out);
    expect(choosePersona('informed', 'd1', 0, loaded)).toBe(loaded.d1?.[choosePersonaIndex('d1', 0, 3)]);
  });

  it('refuses a wrong count, repeats and long entries; refuses bad --candidates', async () => {
    expect(() => validatePersonas({ personas: ['a', 'b'] }, 3)).toThrow('personas: expected 3 non-empty entries, found 2');
    expect(() => validatePersonas({ personas: ['a cook', 'A cook'] }, 2)).toThrow('personas: expected different people, found the same one twice');
    expect(() => validatePersonas({ personas: [Array.from({ length: 30 }, () => 'x').join(' ')] }, 1)).toThrow('personas: expected at most 25 words each, found 30');
    expect(validatePersonas({ personas: [' a cook. ', 'a pilot'] }, 2)).toEqual(['a cook', 'a pilot']);
    await expect(personasCommand({ scenarios: 'x', out: 'y', candidates: '0', option: [], cacheDir: '', cache: false }, silentProgress)).rejects.toThrow('--candidates: expected an integer from 1 to 20, found "0"');
  });
});

/** choosePersona's rule, written out: first 32 bits of sha256("<seed>\0<id>") mod the number of candidates. */
function choosePersonaIndex(scenarioId: string, seed: number, count: number): number {
  return createHash('sha256').update(`${seed}\u0000${scenarioId}`).digest().readUInt32BE(0) % count;
}
