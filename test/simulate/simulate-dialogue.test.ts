import { afterEach, describe, expect, it } from 'vitest';
import { createTextCompleter } from '../../src/llm/complete-text.js';
import { createLlmRunState } from '../../src/llm/llm-run-state.js';
import { resolveLlmSettings } from '../../src/llm/llm-settings.js';
import { GUARDRAILS } from '../../src/simulate/check-user-turn.js';
import { simulateDialogue, type DialogueSimulationSettings } from '../../src/simulate/simulate-dialogue.js';
import type { ChatCompletionsServer, ChatRequestBody } from '../llm/chat-completions-server.js';
import { ASSISTANT_MODEL, USER_MODEL, scriptedAssistantAnswer, startScriptedDialogueServer, type UserTurnRequest } from './scripted-dialogue-server.js';

let server: ChatCompletionsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const scenario = { scenarioId: 'poetry_3', domain: 'poetry', scenario: 'interacting with a chatbot to write a poem about rain.' };

function settings(overrides: Partial<DialogueSimulationSettings> = {}): DialogueSimulationSettings {
  return {
    simulator: 'scripted',
    personaMode: 'generic',
    seed: 0,
    flipRoles: true,
    endToken: '<END>',
    maximumUserTurns: 10,
    maximumRegenerations: 3,
    rules: { enabled: new Set(GUARDRAILS), minimumWords: 3, maximumWords: 25, minimumUserTurnsBeforeEnd: 4 },
    assistantSystemPrompt: undefined,
    ...overrides,
  };
}

function clientsFor(target: ChatCompletionsServer, extra: Record<string, string> = {}) {
  const runState = createLlmRunState();
  const options = (model: string) => ({ 'llm.base-url': target.baseUrl, 'llm.model': model, 'llm.backoff-ms': '1', ...extra });
  return {
    runState,
    clients: {
      user: createTextCompleter(resolveLlmSettings(options(USER_MODEL), undefined, {}), { runState, dimension: 'simulate-user' }),
      assistant: createTextCompleter(resolveLlmSettings(options(ASSISTANT_MODEL), undefined, {}), { runState, dimension: 'simulate-assistant' }),
    },
  };
}

/** Usage the loopback server reports for a body and answer: ⌈characters / 4⌉ each (see chat-completions-server). */
function serverUsage(body: ChatRequestBody, answer: string) {
  return { prompt: Math.ceil(body.messages.map((message) => message.content).join('\n').length / 4), completion: Math.ceil(answer.length / 4) };
}

const plainUser = ({ turnNumber }: UserTurnRequest) => (turnNumber === 5 ? '<END>' : `please help me with part ${turnNumber} now`);

describe('simulateDialogue', () => {
  it('ends on the end token after 4 user turns, alternating roles, with usage summed from the endpoint', async () => {
    server = await startScriptedDialogueServer(plainUser);
    const { clients } = clientsFor(server);
    const record = await simulateDialogue(scenario, 'a human user', settings(), clients);
    expect(record.ended_by).toBe('end-token');
    expect(record.user_turns).toBe(4);
    expect(record.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'user', 'assistant']);
    expect(record.messages[0]).toEqual({ role: 'user', content: 'please help me with part 1 now' });
    expect(record.messages[1]).toEqual({ role: 'assistant', content: 'answer 1 to: please help me' });
    // the assistant sees the real history: 3rd user message → "answer 3 …"
    expect(record.messages[5]?.content).toBe('answer 3 to: please help me');
    expect(record.guardrails).toEqual({ too_short: 0, too_long: 0, repeated: 0, early_end: 0, regenerations: 0, accepted_after_cap: 0 });
    // 5 user requests (the 5th is <END>) + 4 assistant requests
    expect(server.requestCount()).toBe(9);
    const expected = server.bodies().reduce(
      (sum, body) => {
        const answer = body.model === USER_MODEL ? plainUser({ turnNumber: body.messages.filter((m) => m.role === 'assistant').length + 1, correction: undefined, task: '', body }) : scriptedAssistantAnswer(body);
        const usage = serverUsage(body, answer);
        return { prompt_tokens: sum.prompt_tokens + usage.prompt, completion_tokens: sum.completion_tokens + usage.completion };
      },
      { prompt_tokens: 0, completion_tokens: 0 },
    );
    expect(record.usage).toEqual(expected);
    // the 9 completions: 5 user answers ("please help me with part n now" = 30 chars → 8 tokens, "<END>" → 2)
    expect(record.usage.completion_tokens).toBe(4 * 8 + 2 + 4 * Math.ceil('answer 1 to: please help me'.length / 4));
    expect(record).toMatchObject({ id: 'scripted/poetry_3', scenario_id: 'poetry_3', domain: 'poetry', persona: 'a human user', user_model: USER_MODEL, assistant_model: ASSISTANT_MODEL });
  });

  it('regenerates a turn too short, too long, repeated, or ending before turn 4, and counts each', async () => {
    const long = Array.from({ length: 30 }, (_, index) => `word${index}`).join(' ');
    server = await startScriptedDialogueServer(({ turnNumber, correction }) => {
      const first = correction === undefined;
      switch (turnNumber) {
        case 1:
          return first ? 'hi' : 'write me a poem about rain';
        case 2:
          return first ? long : 'make it shorter and sadder please';
        case 3:
          return first ? 'make it shorter and sadder please' : 'now add a title to it';
        case 4:
          return first ? '<END>' : 'ok change the title to storm';
        default:
          return '<END>';
      }
    });
    const { clients } = clientsFor(server);
    const record = await simulateDialogue(scenario, 'a human user', settings(), clients);
    expect(record.guardrails).toEqual({ too_short: 1, too_long: 1, repeated: 1, early_end: 1, regenerations: 4, accepted_after_cap: 0 });
    expect(record.messages.filter((message) => message.role === 'user').map((message) => message.content)).toEqual([
      'write me a poem about rain',
      'make it shorter and sadder please',
      'now add a title to it',
      'ok change the title to storm',
    ]);
    expect(record.ended_by).toBe('end-token');
    // 9 user requests (5 turns + 4 regenerations) + 4 assistant requests
    expect(server.requestCount()).toBe(13);
    const corrections = server.bodies().map((body) => body.messages[body.messages.length - 1]?.content ?? '').filter((text) => text.includes('Instruction to you'));
    expect(corrections).toHaveLength(4);
    expect(corrections[0]).toContain('that message was too short. Write 3 to 25 words.');
    expect(corrections[3]).toContain('it is too early to stop. Do not write <END> yet');
  });

  it('accepts a refused turn after the regeneration cap and counts it; stops at max turns', async () => {
    server = await startScriptedDialogueServer(() => 'hi');
    const { clients } = clientsFor(server);
    const record = await simulateDialogue(scenario, 'a human user', settings({ maximumRegenerations: 2, maximumUserTurns: 3 }), clients);
    // 3 turns × (1 + 2 regenerations) attempts, all too short; word range is checked before repetition
    expect(record.guardrails).toEqual({ too_short: 9, too_long: 0, repeated: 0, early_end: 0, regenerations: 6, accepted_after_cap: 3 });
    expect(record.user_turns).toBe(3);
    expect(record.ended_by).toBe('max-turns');
    expect(server.requestCount()).toBe(9 + 3);
  });

  it('hard-stops at max turns with 10 user and 10 assistant messages', async () => {
    server = await startScriptedDialogueServer(({ turnNumber }) => `tell me more about step ${turnNumber}`);
    const { clients } = clientsFor(server);
    const record = await simulateDialogue(scenario, 'a human user', settings(), clients);
    expect(record.ended_by).toBe('max-turns');
    expect(record.user_turns).toBe(10);
    expect(record.messages).toHaveLength(20);
    expect(record.messages[19]).toEqual({ role: 'assistant', content: 'answer 10 to: tell me more' });
    expect(server.requestCount()).toBe(20);
  });

  it('sends the history flipped by default and unflipped on request; the assistant gets real roles and an optional system prompt', async () => {
    const script = ({ turnNumber }: UserTurnRequest) => (turnNumber === 5 ? '<END>' : `user message number ${turnNumber}`);
    const roles = (body: ChatRequestBody | undefined) => body?.messages.map((message) => `${message.role}:${message.content.slice(0, 22)}`);
    server = await startScriptedDialogueServer(script);
    await simulateDialogue(scenario, 'a human user', settings({ assistantSystemPrompt: 'You are ShopBot.' }), clientsFor(server).clients);
    const flippedBodies = server.bodies();
    await server.close();
    server = await startScriptedDialogueServer(script);
    const unflipped = await simulateDialogue(scenario, 'a human user', settings({ flipRoles: false }), clientsFor(server).clients);
    const unflippedBodies = server.bodies();
    // request 5 is the user simulator writing turn 3 (requests alternate user, assistant, …)
    expect(roles(flippedBodies[4])).toEqual([
      expect.stringMatching(/^system:You play a person/),
      'assistant:user message number 1',
      'user:answer 1 to: user mess',
      'assistant:user message number 2',
      'user:answer 2 to: user mess',
    ]);
    expect(roles(unflippedBodies[4])).toEqual([
      expect.stringMatching(/^system:You play a person/),
      'user:user message number 1',
      'assistant:answer 1 to: user mess',
      'user:user message number 2',
      'assistant:answer 2 to: user mess',
      'user:Above is the chat so f',
    ]);
    // request 6 is the assistant answering turn 3: real roles, system prompt only when given
    expect(roles(flippedBodies[5])).toEqual(['system:You are ShopBot.', 'user:user message number 1', 'assistant:answer 1 to: user mess', 'user:user message number 2', 'assistant:answer 2 to: user mess', 'user:user message number 3']);
    expect(roles(unflippedBodies[5])?.[0]).toBe('user:user message number 1');
    expect(flippedBodies[0]?.messages[0]?.content).toContain('What you came for: write a poem about rain.');
    expect(unflipped.user_turns).toBe(4);
    expect(unflipped.flip_roles).toBe(false);
  });

  it('retries 500s, malformed bodies and cut answers: the dialogue equals the fault-free one', async () => {
    server = await startScriptedDialogueServer(plainUser);
    const clean = await simulateDialogue(scenario, 'a human user', settings(), clientsFor(server).clients);
    await server.close();
    const faults = ['server-error', 'malformed-body', 'truncated'] as const;
    server = await startScriptedDialogueServer(plainUser, { fault: ({ attemptForBody }) => faults[attemptForBody - 1] });
    const { clients, runState } = clientsFor(server);
    const faulty = await simulateDialogue(scenario, 'a human user', settings(), clients);
    expect(faulty).toEqual(clean);
    // 9 items × (3 faults + 1 answer)
    expect(server.requestCount()).toBe(36);
    expect(server.faultCounts()).toEqual({ 'server-error': 9, 'malformed-body': 9, truncated: 9 });
    expect(runState.usage.byDimension()['simulate-user']?.requests).toBe(20);
  });

  it('fails with one line naming the turn when the endpoint keeps failing; an empty answer counts as a failure', async () => {
    server = await startScriptedDialogueServer(() => '   ');
    const { clients } = clientsFor(server, { 'llm.retries': '1' });
    await expect(simulateDialogue(scenario, 'a human user', settings(), clients)).rejects.toThrow(
      /^llm simulate user poetry_3 turn 1: expected a valid answer from scripted-user at http:\/\/127\.0\.0\.1:\d+\/v1 within 2 attempts, found invalid answer: expected answer text, found an empty message$/,
    );
    expect(server.requestCount()).toBe(2);
  });
});
