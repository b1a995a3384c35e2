import { afterEach, describe, expect, it } from 'vitest';
import { createTextCompleter } from '../../src/llm/complete-text.js';
import { createLlmRunState } from '../../src/llm/llm-run-state.js';
import { resolveLlmSettings } from '../../src/llm/llm-settings.js';
import { GUARDRAIL_SET_NONE, GUARDRAIL_SET_USERLM } from '../../src/simulate/check-user-turn.js';
import { loadUserPromptTemplate } from '../../src/simulate/user-prompt-template.js';
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
    minimumUserTurnsBeforeEnd: 4,
    maximumRegenerations: 3,
    guardrails: GUARDRAIL_SET_NONE,
    template: loadUserPromptTemplate(undefined),
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
    expect(record.guardrails).toEqual({ too_short: 0, too_long: 0, repeated: 0, forbidden_first_word: 0, early_end: 0, resamples: 0, accepted_after_cap: 0 });
    expect(record.attempts_per_user_turn).toEqual([1, 1, 1, 1, 1]);
    // 5 user requests (the 5th is <END>) + 4 assistant requests
    expect(server.requestCount()).toBe(9);
    const expected = server.bodies().reduce(
      (sum, body) => {
        const answer = body.model === USER_MODEL ? plainUser({ turnNumber: body.messages.filter((m) => m.role === 'assistant').length + 1, seed: 0, task: '', body }) : scriptedAssistantAnswer(body);
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

  it('--guardrails userlm refuses a first word I/You/Here, a 2-word and a 30-word turn, a verbatim repeat and an early end, and resamples the same request with the next seed', async () => {
    const long = Array.from({ length: 30 }, (_, index) => `word${index}`).join(' ');
    // seed 0 is the first sample of a turn, 1 the first resample, …
    const samples: Record<number, string[]> = {
      1: ['I want a poem about rain', 'You should write about rain', 'Here is my request: rain', 'write me a poem about rain'],
      2: ['too short', long, 'make it shorter and sadder please'],
      3: ['make it shorter and sadder please', 'now add a title to it'],
      4: ['<END>', 'ok change the title to storm'],
    };
    server = await startScriptedDialogueServer(({ turnNumber, seed }) => samples[turnNumber]?.[seed] ?? '<END>');
    const { clients } = clientsFor(server);
    const record = await simulateDialogue(scenario, 'a human user', settings({ guardrails: GUARDRAIL_SET_USERLM }), clients);
    expect(record.guardrails).toEqual({ too_short: 1, too_long: 1, repeated: 1, forbidden_first_word: 3, early_end: 1, resamples: 7, accepted_after_cap: 0 });
    expect(record.attempts_per_user_turn).toEqual([4, 3, 2, 2, 1]);
    expect(record.guardrail_set).toBe('userlm');
    expect(record.messages.filter((message) => message.role === 'user').map((message) => message.content)).toEqual([
      'write me a poem about rain',
      'make it shorter and sadder please',
      'now add a title to it',
      'ok change the title to storm',
    ]);
    expect(record.ended_by).toBe('end-token');
    // 12 user requests (5 turns + 7 resamples) + 4 assistant requests
    expect(server.requestCount()).toBe(16);
    // a resample is the same request with the next seed: no correction message is added
    const userBodies = server.bodies().filter((body) => body.model === USER_MODEL);
    expect(userBodies.slice(0, 4).map((body) => body.seed)).toEqual([0, 1, 2, 3]);
    expect(new Set(userBodies.slice(0, 4).map((body) => JSON.stringify(body.messages))).size).toBe(1);
  });

  it('--guardrails none keeps every one of those turns as the model wrote it, with one request a turn', async () => {
    const turns = ['I want a poem about rain', 'too short', Array.from({ length: 30 }, (_, index) => `word${index}`).join(' '), 'too short', 'Here it is', '<END>'];
    server = await startScriptedDialogueServer(({ turnNumber }) => turns[turnNumber - 1] ?? '<END>');
    const record = await simulateDialogue(scenario, 'a human user', settings(), clientsFor(server).clients);
    expect(record.messages.filter((message) => message.role === 'user').map((message) => message.content)).toEqual(turns.slice(0, 5));
    expect(record.guardrails).toEqual({ too_short: 0, too_long: 0, repeated: 0, forbidden_first_word: 0, early_end: 0, resamples: 0, accepted_after_cap: 0 });
    expect(record.guardrail_set).toBe('none');
    expect(server.bodies().filter((body) => body.model === USER_MODEL).every((body) => body.seed === 0)).toBe(true);
    // an end token as the first message leaves one empty user message (a dialogue still loads)
    await server.close();
    server = await startScriptedDialogueServer(() => '<END>');
    const leftAtOnce = await simulateDialogue(scenario, 'a human user', settings(), clientsFor(server).clients);
    expect([leftAtOnce.messages, leftAtOnce.user_turns, leftAtOnce.ended_by]).toEqual([[{ role: 'user', content: '' }], 1, 'end-token']);
    // an end token at turn 2 is kept too: no end-timing check without guardrails
    await server.close();
    server = await startScriptedDialogueServer(({ turnNumber }) => (turnNumber === 2 ? '<END>' : 'write me a poem about rain'));
    expect((await simulateDialogue(scenario, 'a human user', settings(), clientsFor(server).clients)).user_turns).toBe(1);
  });

  it('accepts a refused turn after the resample cap and counts it; stops at max turns', async () => {
    server = await startScriptedDialogueServer(() => 'hi');
    const { clients } = clientsFor(server);
    const record = await simulateDialogue(scenario, 'a human user', settings({ guardrails: GUARDRAIL_SET_USERLM, maximumRegenerations: 2, maximumUserTurns: 3 }), clients);
    // 3 turns × (1 + 2 resamples) samples, all too short; word count is checked before repetition
    expect(record.guardrails).toEqual({ too_short: 9, too_long: 0, repeated: 0, forbidden_first_word: 0, early_end: 0, resamples: 6, accepted_after_cap: 3 });
    expect(record.attempts_per_user_turn).toEqual([3, 3, 3]);
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
      expect.stringMatching(/^system:You are a human user/),
      'assistant:user message number 1',
      'user:answer 1 to: user mess',
      'assistant:user message number 2',
      'user:answer 2 to: user mess',
    ]);
    expect(roles(unflippedBodies[4])).toEqual([
      expect.stringMatching(/^system:You are a human user/),
      'user:user message number 1',
      'assistant:answer 1 to: user mess',
      'user:user message number 2',
      'assistant:answer 2 to: user mess',
      'user:That is the conversati',
    ]);
    // request 6 is the assistant answering turn 3: real roles, system prompt only when given
    expect(roles(flippedBodies[5])).toEqual(['system:You are ShopBot.', 'user:user message number 1', 'assistant:answer 1 to: user mess', 'user:user message number 2', 'assistant:answer 2 to: user mess', 'user:user message number 3']);
    expect(roles(unflippedBodies[5])?.[0]).toBe('user:user message number 1');
    expect(flippedBodies[0]?.messages[0]?.content).toContain('Why you opened the chat: write a poem about rain.');
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
