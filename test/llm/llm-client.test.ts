import { afterEach, describe, expect, it } from 'vitest';
import { RealsimError } from '../../src/core/realsim-error.js';
import { createLlmClient, type JsonRequest } from '../../src/llm/llm-client.js';
import { createTextCompleter } from '../../src/llm/complete-text.js';
import { createLlmRunState } from '../../src/llm/llm-run-state.js';
import { resolveLlmSettings } from '../../src/llm/llm-settings.js';
import { InvalidLlmAnswerError } from '../../src/llm/invalid-llm-answer-error.js';
import { startChatCompletionsServer, type ChatCompletionsServer, type ServerFault, TIMEOUT_FOR_HANGS_MILLISECONDS } from './chat-completions-server.js';

const SECRET = 'sk-test-SECRET-0123456789abcdef';
let server: ChatCompletionsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Fast settings: tiny timeout and backoff so every retry path runs in milliseconds. */
function settingsFor(baseUrl: string, extra: Record<string, string> = {}) {
  return resolveLlmSettings(
    { 'llm.base-url': baseUrl, 'llm.model': 'loopback-model', 'llm.timeout-ms': String(TIMEOUT_FOR_HANGS_MILLISECONDS), 'llm.backoff-ms': '1', 'llm.retries': '3', ...extra },
    'test',
    { REALSIM_LLM_API_KEY: SECRET },
  );
}

const echoRequest: JsonRequest<{ answer: number }> = {
  where: 'test item 1',
  messages: [{ role: 'user', content: 'give me {"answer": 42}' }],
  schemaName: 'answer',
  schema: { type: 'object', properties: { answer: { type: 'number' } }, required: ['answer'], additionalProperties: false },
  validate: (value) => {
    if (typeof value.answer !== 'number') throw new InvalidLlmAnswerError(`answer: expected a number, found ${JSON.stringify(value.answer)}`);
    return { answer: value.answer };
  },
};

/** A server that answers {"answer": 42} and injects the listed faults on the first attempts, in order. */
async function serverWithFaults(faults: ServerFault[], extra: { retryAfterSeconds?: number; answer?: string } = {}) {
  server = await startChatCompletionsServer({
    answer: () => extra.answer ?? '{"answer": 42}',
    fault: ({ attemptForBody }) => faults[attemptForBody - 1],
    
    ...(extra.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: extra.retryAfterSeconds }),
  });
  return server;
}

describe('createLlmClient against the loopback server', () => {
  it('answers on the first attempt, with usage recorded per dimension', async () => {
    const running = await serverWithFaults([]);
    const runState = createLlmRunState();
    const client = createLlmClient(settingsFor(running.baseUrl), { dimension: 'intent', runState });
    const answer = await client.completeJson(echoRequest);
    expect(answer.value).toEqual({ answer: 42 });
    expect(answer.attempts).toBe(1);
    // prompt "give me {"answer": 42}" is 22 characters → ⌈22/4⌉ = 6 tokens; answer 14 characters → 4 tokens
    expect(answer.usage).toEqual({ promptTokens: 6, completionTokens: 4 });
    expect(runState.usage.byDimension().intent).toMatchObject({ requests: 1, acceptedRequests: 1, promptTokens: 6, completionTokens: 4 });
    expect(running.requestCount()).toBe(1);
    // the key went out as a bearer token, and the JSON-schema response format was requested
    expect(running.authorizations()[0]).toBe(`Bearer ${SECRET}`);
    expect(running.bodies()[0]?.response_format?.type).toBe('json_schema');
  });

  it('retries 429 (honouring Retry-After), 500, a hang past the timeout, a malformed body and a truncated answer', async () => {
    const running = await serverWithFaults(['rate-limit', 'server-error', 'hang', 'malformed-body', 'truncated'], { retryAfterSeconds: 0.05 });
    const delays: number[] = [];
    const client = createLlmClient(settingsFor(running.baseUrl, { 'llm.retries': '5' }), {
      dimension: 'test',
      sleep: async (milliseconds) => {
        delays.push(milliseconds);
      },
    });
    const answer = await client.completeJson(echoRequest);
    expect(answer.value).toEqual({ answer: 42 });
    expect(answer.attempts).toBe(6);
    expect(running.requestCount()).toBe(6);
    // backoff 1·2^(n−1) ms: 1, 2, 4, 8, 16; the first is replaced by Retry-After 0.05 s = 50 ms
    expect(delays).toEqual([50, 2, 4, 8, 16]);
  });

  it('retries an answer that is not JSON and one with a wrong tag, and never accepts them', async () => {
    const running = await serverWithFaults(['not-json', 'wrong-tags'], { answer: '{"answer": 42, "label": "good_label"}' });
    const validated: unknown[] = [];
    const client = createLlmClient(settingsFor(running.baseUrl), { dimension: 'test', sleep: async () => undefined });
    const answer = await client.completeJson({
      ...echoRequest,
      validate: (value, attempt) => {
        validated.push(value);
        if (value.label !== 'good_label') throw new InvalidLlmAnswerError(`label: expected "good_label", found ${JSON.stringify(value.label)}`);
        return echoRequest.validate(value, attempt);
      },
    });
    expect(answer.attempts).toBe(3);
    // the prose answer never reached validation; the corrupted one was rejected there; the third was accepted
    expect(validated).toEqual([
      { answer: 42, label: 'unknown_tag' },
      { answer: 42, label: 'good_label' },
    ]);
  });

  it('gives up after the last retry with LLM_REQUEST_FAILED naming the last fault', async () => {
    const running = await serverWithFaults(['server-error', 'server-error', 'server-error']);
    const client = createLlmClient(settingsFor(running.baseUrl, { 'llm.retries': '2' }), { dimension: 'test', sleep: async () => undefined });
    const failure = await client.completeJson(echoRequest).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RealsimError);
    expect((failure as RealsimError).code).toBe('LLM_REQUEST_FAILED');
    expect((failure as RealsimError).message).toMatch(/^llm test item 1: expected a valid answer .* within 3 attempts, found http 500/);
    expect(running.requestCount()).toBe(3);
  });

  it('never puts the key into an error, even when the server echoes it back', async () => {
    const running = await serverWithFaults(['echo-key']);
    const client = createLlmClient(settingsFor(running.baseUrl), { dimension: 'test' });
    const failure = (await client.completeJson(echoRequest).catch((error: unknown) => error)) as RealsimError;
    expect(failure.code).toBe('LLM_REQUEST_FAILED');
    expect(failure.message).toContain('http 401');
    expect(failure.message).toContain('[redacted]');
    expect(failure.message).not.toContain(SECRET);
    expect(String(failure.stack)).not.toContain(SECRET);
    // 401 is not retried
    expect(running.requestCount()).toBe(1);
    // and the settings never show it either
    expect(JSON.stringify(client.settings)).not.toContain(SECRET);
    expect({ ...client.settings }).not.toHaveProperty('apiKey');
    expect(client.settings.apiKey).toBe(SECRET);
  });

  it('never prints any 8 characters of the key, wherever the echoed key falls in a long error body (offsets 0–400)', async () => {
    server = await startChatCompletionsServer({ answer: () => '{"answer": 42}', fault: () => 'echo-key', echoKeyPadding: (requestNumber) => requestNumber - 1 });
    const client = createLlmClient(settingsFor(server.baseUrl, { 'llm.retries': '0' }), { dimension: 'test' });
    const pieces = Array.from({ length: SECRET.length - 7 }, (_, start) => SECRET.slice(start, start + 8));
    for (let offset = 0; offset <= 400; offset += 1) {
      const failure = (await client.completeJson(echoRequest).catch((error: unknown) => error)) as RealsimError;
      expect(failure.code).toBe('LLM_REQUEST_FAILED');
      const printed = `${failure.message}\n${String(failure.stack)}`;
      for (const piece of pieces) expect(printed, `offset ${offset}`).not.toContain(piece);
    }
    expect(server.requestCount()).toBe(401);
  });

  it('removes user:password@ from every URL in an error, not only the configured one', async () => {
    const failure = (await createLlmClient(settingsFor('http://alice:pa55word@127.0.0.1:9/v1', { 'llm.retries': '0' }), { dimension: 'test' })
      .completeJson(echoRequest)
      .catch((error: unknown) => error)) as RealsimError;
    expect(failure.code).toBe('LLM_REQUEST_FAILED');
    expect(failure.message).toContain('http://127.0.0.1:9/v1');
    expect(failure.message).not.toContain('pa55word');
    expect(failure.message).not.toContain('alice');
  });

  it('keeps the key out of completion text (what simulate writes to its output)', async () => {
    server = await startChatCompletionsServer({ answer: () => `my key is Bearer ${SECRET}, and the docs are at https://bob:hunter2@example.org/x` });
    const completer = createTextCompleter(settingsFor(server.baseUrl), { dimension: 'simulate' });
    const answer = await completer.completeText({ where: 'simulate user s1 turn 1', messages: [{ role: 'user', content: 'hello' }] });
    expect(answer.text).toBe('my key is Bearer [redacted], and the docs are at https://example.org/x');
  });

  it('stops before exceeding --option llm.max-requests, counting retries, across clients of one run', async () => {
    const running = await serverWithFaults(['server-error']);
    const runState = createLlmRunState();
    const settings = settingsFor(running.baseUrl, { 'llm.max-requests': '4' });
    const first = createLlmClient(settings, { dimension: 'intent', runState, sleep: async () => undefined });
    await first.completeJson(echoRequest); // 2 requests: a 500, then the answer
    const second = createLlmClient(settings, { dimension: 'feedback', runState });
    // a new body: its first attempt fails too (the fault plan is per body), so requests 3 and 4
    await second.completeJson({ ...echoRequest, messages: [{ role: 'user', content: 'another item' }] });
    const failure = (await second.completeJson({ ...echoRequest, where: 'test item 3', messages: [{ role: 'user', content: 'third item' }] }).catch((error: unknown) => error)) as RealsimError;
    expect(failure.code).toBe('LLM_BUDGET_EXCEEDED');
    expect(failure.message).toBe('llm test item 3: expected at most 4 requests (--option llm.max-requests), found 4 sent and one more needed');
    expect(running.requestCount()).toBe(4);
    expect(runState.usage.byDimension().feedback).toMatchObject({ requests: 2, acceptedRequests: 1 });
  });

  it('stops before a request whose worst case would exceed --option llm.max-tokens', async () => {
    const running = await serverWithFaults([]);
    // worst case per request = ⌈22/3⌉ + 8 = 16 prompt tokens + 16 completion tokens = 32
    const settings = settingsFor(running.baseUrl, { 'llm.max-tokens': '50', 'llm.completion-tokens': '16' });
    const client = createLlmClient(settings, { dimension: 'test' });
    await client.completeJson(echoRequest); // spends 6 + 4 = 10 reported tokens
    await client.completeJson(echoRequest); // 10 + 32 ≤ 50: sent, total now 20
    const failure = (await client.completeJson(echoRequest).catch((error: unknown) => error)) as RealsimError;
    // 20 + 32 = 52 > 50: refused before sending
    expect(failure.code).toBe('LLM_BUDGET_EXCEEDED');
    expect(running.requestCount()).toBe(2);
  });

  it('falls back to the tolerant parser when the endpoint refuses response_format', async () => {
    server = await startChatCompletionsServer({
      answer: () => 'Here you go:\n```json\n{"answer": 7}\n```\nAnything else?',
      fault: () => 'refuse-response-format',
    });
    const client = createLlmClient(settingsFor(server.baseUrl), { dimension: 'test', sleep: async () => undefined });
    const answer = await client.completeJson(echoRequest);
    expect(answer.value).toEqual({ answer: 7 });
    expect(client.structuredOutputMode()).toBe('none');
    expect(server.bodies().map((body) => body.response_format?.type ?? 'none')).toEqual(['json_schema', 'none']);
  });

  it('refuses to start against api.openai.com without a key', () => {
    const settings = resolveLlmSettings({}, 'intent', {});
    expect(() => createLlmClient(settings, { dimension: 'intent' })).toThrow(/expected an API key in REALSIM_LLM_API_KEY or OPENAI_API_KEY/);
  });
});
