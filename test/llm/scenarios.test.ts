import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../src/annotate/annotation-cache.js';
import { extractScenarios } from '../../src/cli/scenarios-command.js';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import { scenarioPromptParts, validateScenario } from '../../src/llm/extract-scenarios-with-llm.js';
import { resolveLlmSettings } from '../../src/llm/llm-settings.js';
import { offlineScenario } from '../../src/llm/offline-scenario.js';
import { fixtureDialogues } from './scripted-annotator-answers.js';
import { startChatCompletionsServer, type ChatCompletionsServer } from './chat-completions-server.js';

let server: ChatCompletionsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('offlineScenario', () => {
  it('phrases imperatives, questions and other requests, without greetings or personal details', () => {
    expect(offlineScenario(['Hi there! Can you please write a poem about rain?'])).toBe('interacting with a chatbot to write a poem about rain');
    expect(offlineScenario(['My name is Jane Doe. What is the capital of Peru?'])).toBe('interacting with a chatbot to ask: what is the capital of peru');
    expect(offlineScenario(["I'm a nurse from Ohio.", 'Email jane@example.com about 555-123-4567 shift changes'])).toBe(
      'interacting with a chatbot to get help with: email about shift changes',
    );
    expect(offlineScenario(['', '   '])).toBe('interacting with a chatbot to start a conversation');
  });

  it('stays under 20 words', () => {
    const sentence = offlineScenario([`Write ${'very '.repeat(40)}long text`]);
    // 5 prefix words + 14 task words = 19
    expect(sentence.split(' ')).toHaveLength(19);
  });
});

describe('validateScenario', () => {
  it('adds a missing prefix, and rejects long sentences and personal details', () => {
    expect(validateScenario({ scenario: 'to plan a trip to Japan.' })).toBe('interacting with a chatbot to plan a trip to Japan');
    expect(() => validateScenario({ scenario: `interacting with a chatbot to ${'do '.repeat(15)}` })).toThrow('scenario: expected fewer than 20 words, found 20');
    expect(() => validateScenario({ scenario: 'interacting with a chatbot to email bob@example.com' })).toThrow(/no e-mail address/);
    expect(() => validateScenario({ scenario: 'the user wants a poem' })).toThrow(/expected a sentence starting "interacting with a chatbot to"/);
  });
});

describe('extractScenarios', () => {
  it('llm backend: one sentence per dialogue from the server, retried when invalid, cached', async () => {
    server = await startChatCompletionsServer({
      // the first answer for each item is too long (invalid, retried); the second is valid
      answer: (body) => {
        const first = /User message 1:\n<<<\n(.*)/.exec(body.messages[1]?.content ?? '')?.[1] ?? '';
        return JSON.stringify({ scenario: `interacting with a chatbot to handle "${first.slice(0, 12).toLowerCase()}"` });
      },
      fault: ({ attemptForBody }) => (attemptForBody === 1 ? 'truncated' : undefined),
    });
    const options = { 'llm.base-url': server.baseUrl, 'llm.model': 'loopback-model', 'llm.backoff-ms': '1' };
    const cache = createMemoryCache();
    const dialogues = fixtureDialogues().slice(0, 3);
    const records = await extractScenarios(dialogues, 'llm', { cache, progress: silentProgress, options });
    expect(records.map((record) => record.scenario)).toEqual([
      'interacting with a chatbot to handle "write a poem"',
      'interacting with a chatbot to handle "translate th"',
      'interacting with a chatbot to handle "what is the "',
    ]);
    expect(records[0]).toMatchObject({ scenario_id: 'd1', dialogue_id: 'd1', domain: 'test' });
    expect(records[0]?.backend).toMatch(/^scenario-llm@2 \(loopback-model, prompt [0-9a-f]{12}\)$/);
    expect(server.requestCount()).toBe(6);
    await extractScenarios(dialogues, 'llm', { cache, progress: silentProgress, options });
    expect(server.requestCount()).toBe(6);
  });

  it('llm backend reads the whole dialogue, user and chatbot turns, each cut to its limit', async () => {
    server = await startChatCompletionsServer({ answer: () => JSON.stringify({ scenario: 'interacting with a chatbot to write a poem' }) });
    const options = { 'llm.base-url': server.baseUrl, 'llm.model': 'loopback-model', 'llm.backoff-ms': '1', 'llm.user-chars': '40', 'llm.assistant-chars': '40' };
    const [first] = fixtureDialogues();
    await extractScenarios([first as NonNullable<typeof first>], 'llm', { cache: createMemoryCache(), progress: silentProgress, options });
    const shown = server.bodies()[0]?.messages[1]?.content ?? '';
    // all 5 user turns (not only the first 3) and the chatbot's answers between them
    expect(shown).toContain('User message 5:\n<<<\nok\n>>>');
    expect(shown).toContain('User message 4:\n<<<\nI am a teacher and my sister loves poems\n>>>');
    expect((shown.match(/Chatbot message \d+:/g) ?? []).length).toBe((first?.turns ?? []).filter((turn) => turn.role === 'assistant').length);
    expect((first?.turns ?? []).filter((turn) => turn.role === 'assistant').length).toBeGreaterThan(0);
  });

  it('llm backend reads a very long dialogue in parts of whole turns, each request carrying the sentence so far', async () => {
    const settings = resolveLlmSettings({ 'llm.user-chars': '100', 'llm.assistant-chars': '100' }, 'scenarios', {});
    const long = { ...(fixtureDialogues()[0] as ReturnType<typeof fixtureDialogues>[number]) };
    long.turns = Array.from({ length: 12 }, (_, index) => ({ role: index % 2 === 0 ? ('user' as const) : ('assistant' as const), text: `turn ${index} ${'y'.repeat(200)}` }));
    const parts = scenarioPromptParts(long, settings, 500);
    // each turn is cut to 100 characters (≈ 140 with its label and cut note): 3 turns a part, 4 parts
    expect(parts).toHaveLength(4);
    expect(parts[0]).toMatch(/^Part 1 of 4 of the conversation:\n\nUser message 1:\n<<<\nturn 0 y+ \[…\d+ characters cut…\] y+\n>>>/);
    expect(parts[3]).toContain('Chatbot message 6:');
    expect(scenarioPromptParts(long, settings)).toHaveLength(1);

    let answers = 0;
    server = await startChatCompletionsServer({ answer: () => JSON.stringify({ scenario: `interacting with a chatbot to do step ${(answers += 1)}` }) });
    const options = { 'llm.base-url': server.baseUrl, 'llm.model': 'loopback-model', 'llm.backoff-ms': '1', 'llm.user-chars': '9000', 'llm.assistant-chars': '9000' };
    long.turns = Array.from({ length: 6 }, (_, index) => ({ role: index % 2 === 0 ? ('user' as const) : ('assistant' as const), text: `turn ${index} ${'z'.repeat(10_000)}` }));
    const [record] = await extractScenarios([long], 'llm', { cache: createMemoryCache(), progress: silentProgress, options });
    // 6 turns of 9,000 characters: 2 turns a part (24,000 characters each), 3 requests
    expect(server.requestCount()).toBe(3);
    expect(record?.scenario).toBe('interacting with a chatbot to do step 3');
    expect(server.bodies()[1]?.messages[1]?.content).toMatch(/^The sentence so far: interacting with a chatbot to do step 1\n\nPart 2 of 3 of the conversation:/);
  });

  it('offline backend needs no endpoint, and an unknown backend is refused', async () => {
    const records = await extractScenarios(fixtureDialogues().slice(0, 2), 'offline', { cache: createMemoryCache(), progress: silentProgress, options: {} });
    expect(records.map((record) => record.scenario)).toEqual([
      'interacting with a chatbot to write a poem about rain',
      'interacting with a chatbot to translate this to french: good morning',
    ]);
    await expect(extractScenarios([], 'gpt', { cache: createMemoryCache(), progress: silentProgress, options: {} })).rejects.toThrow(
      '--backend: expected one of "offline", "llm", found "gpt"',
    );
  });
});
