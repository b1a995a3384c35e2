import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createTextCompleter } from '../../src/llm/complete-text.js';
import { createLlmRunState } from '../../src/llm/llm-run-state.js';
import { resolveLlmSettings } from '../../src/llm/llm-settings.js';
import { GUARDRAIL_SET_NONE } from '../../src/simulate/check-user-turn.js';
import { simulateDialogue } from '../../src/simulate/simulate-dialogue.js';
import { loadUserPromptTemplate, parseUserPromptTemplate } from '../../src/simulate/user-prompt-template.js';
import { buildUserSimulatorMessages, phaseOfTurn } from '../../src/simulate/user-simulator-prompt.js';
import type { ChatCompletionsServer } from '../llm/chat-completions-server.js';
import { ASSISTANT_MODEL, USER_MODEL, startScriptedDialogueServer } from './scripted-dialogue-server.js';

const workDirectory = mkdtempSync(join(tmpdir(), 'realsim-prompt-'));
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));
let server: ChatCompletionsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const scenario = { scenarioId: 'poetry_3', domain: 'poetry', scenario: 'interacting with a chatbot to write a poem about rain.' };

function clientsFor(target: ChatCompletionsServer) {
  const runState = createLlmRunState();
  const options = (model: string) => ({ 'llm.base-url': target.baseUrl, 'llm.model': model, 'llm.backoff-ms': '1' });
  return {
    user: createTextCompleter(resolveLlmSettings(options(USER_MODEL), undefined, {}), { runState, dimension: 'simulate-user' }),
    assistant: createTextCompleter(resolveLlmSettings(options(ASSISTANT_MODEL), undefined, {}), { runState, dimension: 'simulate-assistant' }),
  };
}

/** Words that would coach the simulator on the behaviour realsim measures: message length, praise, criticism. */
const COACHING = /\b(?:words?|short|shorter|brief|briefly|concise|length|long|sentences?|characters?|thank\w*|prais\w*|critic\w*|complain\w*|wrong|polite\w*|compliment\w*|casual\w*|typos?|careless\w*)\b|\d/i;

describe('the default user-simulator prompt', () => {
  it('sends, in every phase and both role layouts, no length limit and nothing about praise or criticism', async () => {
    const sent: string[] = [];
    for (const flipRoles of [true, false]) {
      server = await startScriptedDialogueServer(({ turnNumber }) => (turnNumber === 7 ? '<END>' : `please go on with the poem part ${turnNumber}`));
      const template = loadUserPromptTemplate(undefined);
      const settings = { simulator: 's', personaMode: 'generic', seed: 0, flipRoles, endToken: '<END>', maximumUserTurns: 10, minimumUserTurnsBeforeEnd: 4, maximumRegenerations: 3, guardrails: GUARDRAIL_SET_NONE, template, assistantSystemPrompt: undefined };
      const record = await simulateDialogue(scenario, 'a human user', settings, clientsFor(server));
      expect(record.user_turns).toBe(6);
      for (const body of server.bodies().filter((request) => request.model === USER_MODEL)) {
        // the simulator's own history is the scripted text above; what realsim wrote is the rest
        sent.push(...body.messages.filter((message) => !/please go on|^answer \d/.test(message.content)).map((message) => message.content));
      }
      await server.close();
      server = undefined;
    }
    const texts = [...new Set(sent.map((text) => text.replace(/message number \d+/g, 'message number N')))];
    // system + first-turn, system + continue, system + may-end, the opening message, the unflipped next message
    expect(texts).toHaveLength(5);
    for (const text of texts) expect(text.replace('message number N', '').replace('<END>', '')).not.toMatch(COACHING);
    expect(texts.some((text) => text.includes('You are a human user') && text.includes('reply with <END>'))).toBe(true);
  });

  it('offers the end token only from turn 5 (after 4 user turns) and names the persona and task', () => {
    expect([1, 2, 3, 4, 5, 6].map((turn) => phaseOfTurn(turn, 4))).toEqual(['first-turn', 'continue', 'continue', 'continue', 'may-end', 'may-end']);
    const template = loadUserPromptTemplate(undefined);
    const input = { scenario: scenario.scenario, persona: 'a retired sailor who writes poems', history: [], flipRoles: true, endToken: '<END>', turnNumber: 1, maximumUserTurns: 10, minimumUserTurnsBeforeEnd: 4 };
    const [system, opening] = buildUserSimulatorMessages(template, input);
    expect(system?.content).toContain('You are a retired sailor who writes poems, talking with an AI assistant');
    expect(system?.content).toContain('Why you opened the chat: write a poem about rain.');
    expect(system?.content).not.toContain('<END>');
    expect(opening).toEqual({ role: 'user', content: '(The chat window is open.)' });
    expect(template.version).toMatch(/^user-simulator\.txt@[0-9a-f]{12}$/);
  });
});

describe('--user-prompt templates', () => {
  const minimal = ['notes are ignored', '[[system]]', 'Be {{persona}}; task {{task}}; turn {{turn_number}} of {{max_turns}}.', '[[first-turn]]', 'Open.', '[[continue]]', 'So far:', '{{history}}', '[[opening-message]]', 'Go.', '[[unflipped-next-message]]', 'Next.'].join('\n');

  it('renders the variables; a template using {{history}} gets the dialogue as text and no history messages; may-end falls back to continue', () => {
    const template = parseUserPromptTemplate(minimal, 'mine.txt');
    expect(template.usesHistoryVariable).toBe(true);
    const history = [
      { role: 'user' as const, text: 'hello there' },
      { role: 'assistant' as const, text: 'hi, how can I help' },
    ];
    const messages = buildUserSimulatorMessages(template, { scenario: scenario.scenario, persona: 'a human user', history, flipRoles: true, endToken: '<END>', turnNumber: 6, maximumUserTurns: 10, minimumUserTurnsBeforeEnd: 4 });
    expect(messages).toEqual([
      { role: 'system', content: 'Be a human user; task write a poem about rain; turn 6 of 10.\n\nSo far:\nUser: hello there\nAssistant: hi, how can I help' },
      { role: 'user', content: 'Go.' },
    ]);
  });

  it('refuses an unknown variable or section and a missing section with one line naming the file and line', () => {
    expect(() => parseUserPromptTemplate(minimal.replace('{{max_turns}}', '{{maximum}}'), 'mine.txt')).toThrow('mine.txt line 3: expected a variable {{scenario}}, {{task}}, {{persona}}, {{history}}, {{turn_number}}, {{max_turns}}, {{end_token}}, {{end_after_turn}}, found "{{maximum}}"');
    expect(() => parseUserPromptTemplate(minimal.replace('[[continue]]', '[[middle]]'), 'mine.txt')).toThrow('mine.txt line 6: expected a section [[system]], [[first-turn]]');
    expect(() => parseUserPromptTemplate(minimal.replace('[[first-turn]]\nOpen.\n', ''), 'mine.txt')).toThrow('mine.txt line 10: expected a non-empty section [[first-turn]], found none');
    const path = join(workDirectory, 'missing.txt');
    expect(() => loadUserPromptTemplate(path)).toThrow(`--user-prompt: expected a template file, found nothing at "${path}"`);
    writeFileSync(join(workDirectory, 'mine.txt'), minimal);
    expect(loadUserPromptTemplate(join(workDirectory, 'mine.txt')).version).toMatch(/^mine\.txt@[0-9a-f]{12}$/);
  });
});
