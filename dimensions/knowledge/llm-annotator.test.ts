import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../src/annotate/annotation-cache.js';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import type { Dialogue } from '../../src/core/dialogue.js';
import { RealsimError } from '../../src/core/realsim-error.js';
import { llmRunState } from '../../src/llm/llm-run-state.js';
import { startChatCompletionsServer, type ChatCompletionsServer, type ServerFault, TIMEOUT_FOR_HANGS_MILLISECONDS } from '../../test/llm/chat-completions-server.js';
import { scriptedAnswer } from '../../test/llm/scripted-annotator-answers.js';
import { dimension } from './index.js';
import { createKnowledgeLlmAnnotator, parseKnowledgeStatement } from './llm-annotator.js';
import { countingEncoder } from '../../test/helpers/counting-encoder.js';
import { dialogueFromUserTexts } from '../../test/helpers/test-dialogue.js';

const servers: ChatCompletionsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function dialogue(id: string, userTexts: string[]): Dialogue {
  return dialogueFromUserTexts(id, userTexts, 'Sure, Kubernetes can help.');
}

const DIALOGUES = [
  dialogue('k1', ['How do I use Docker with Python?', 'thanks', 'I tried Flask but it fails']),
  dialogue('k2', ['Tell me about Rome', 'ok']),
  dialogue('k3', ['']),
];


async function startServer(options: Partial<Parameters<typeof startChatCompletionsServer>[0]> = {}): Promise<ChatCompletionsServer> {
  const server = await startChatCompletionsServer({ answer: scriptedAnswer, retryAfterSeconds: 0.01, ...options });
  servers.push(server);
  return server;
}

const optionsFor = (server: ChatCompletionsServer, extra: Record<string, string> = {}): Record<string, string> => ({
  'llm.base-url': server.baseUrl,
  'llm.model': 'loopback-model',
  'llm.timeout-ms': String(TIMEOUT_FOR_HANGS_MILLISECONDS),
  'llm.backoff-ms': '1',
  'llm.retries': '4',
  ...extra,
});

describe('parseKnowledgeStatement', () => {
  it('reads the two statement forms with their variants and picks the embedded topic', () => {
    expect(parseKnowledgeStatement('The user knows about Docker.', 'w')).toEqual({ polarity: 'known', statement: 'the user knows about Docker', topic: 'Docker' });
    expect(parseKnowledgeStatement('user knows that  rome is in italy', 'w')).toEqual({ polarity: 'known', statement: 'the user knows that rome is in italy', topic: 'rome is in italy' });
    // no connector reads as "about"; "how", "what" … stay in the topic (as in the offline "how to merge dataframes")
    expect(parseKnowledgeStatement('the user knows python', 'w').statement).toBe('the user knows about python');
    expect(parseKnowledgeStatement("the user doesn't know how to merge dataframes", 'w')).toEqual({
      polarity: 'unknown',
      statement: 'the user does not know how to merge dataframes',
      topic: 'how to merge dataframes',
    });
    expect(parseKnowledgeStatement('"The user does not know what a p-value is"', 'w').topic).toBe('what a p-value is');
  });

  it('rejects anything else explicitly, naming the valid forms', () => {
    expect(() => parseKnowledgeStatement('the user likes cats', 'knowledge turn 2 statement 1')).toThrow(
      'knowledge turn 2 statement 1: expected "the user knows about|that|how …" or "the user does not know about|that|how …", found "the user likes cats"',
    );
    expect(() => parseKnowledgeStatement('unknown_tag', 'w')).toThrow('found "unknown_tag"');
    expect(() => parseKnowledgeStatement('the user knows about', 'w')).toThrow('expected "the user knows');
    expect(() => parseKnowledgeStatement(42, 'w')).toThrow('w: expected a statement string, found 42');
    expect(() => parseKnowledgeStatement(`the user knows about ${'x'.repeat(300)}`, 'w')).toThrow('at most 300 characters, found 321');
  });
});

describe('knowledge llm backend against the loopback server', () => {
  it('gives the offline backend’s shape: counts, one vector per statement topic, statements per user turn', async () => {
    const server = await startServer();
    const encoder = countingEncoder();
    const annotator = createKnowledgeLlmAnnotator(optionsFor(server), encoder);
    expect(annotator.backend).toMatch(/^knowledge-llm@1 \(loopback-model, prompt [0-9a-f]{12}, openai-compatible chat completions\) \+ fake 3d$/);
    const options = optionsFor(server);
    const [k1, k2, k3] = await annotator.annotate(DIALOGUES, { cache: createMemoryCache(), progress: silentProgress, options });
    // k1 turn 1: "Docker", "Python" known (capitalized, not first word); the question is not known
    expect(k1?.userTurns).toEqual([
      { userTurn: 1, statements: ['the user knows about Docker', 'the user knows about Python', 'the user does not know how do i use docker with python'] },
      { userTurn: 2, statements: [] },
      { userTurn: 3, statements: ['the user knows about Flask'] },
    ]);
    expect(k1?.numeric).toEqual({ known_statements: 3, unknown_statements: 1 });
    // vectors (words, characters, 1) of the topics, "knows" before "does not know" within a turn:
    // "Docker" (1, 6), "Python" (1, 6), "how do i use docker with python" (7 words, 31 characters), "Flask" (1, 5)
    expect(k1?.embeddings?.statements).toEqual([[1, 6, 1], [1, 6, 1], [7, 31, 1], [1, 5, 1]]);
    expect(k2?.numeric).toEqual({ known_statements: 1, unknown_statements: 0 });
    expect(k2?.embeddings?.statements).toEqual([[1, 4, 1]]);
    expect(k3).toEqual({ dialogueId: 'k3', numeric: { known_statements: 0, unknown_statements: 0 }, categorical: {}, embeddings: { statements: [] }, userTurns: [{ userTurn: 1, statements: [] }] });
    // 3 dialogues → 3 requests; 5 distinct topics (Docker, Python, the question, Flask, Rome) embedded once each
    expect(server.requestCount()).toBe(3);
    expect(encoder.textsReceived).toBe(5);
    // the assistant turn is shown as context
    expect(server.bodies()[0]?.messages[1]?.content).toContain('Chatbot turn before user turn 2:');
    const usage = llmRunState(options).annotationUsage.rows();
    expect(usage.map((row) => [row.dimension, row.items, row.requests])).toEqual([['knowledge', 3, 3]]);
  });

  it('gives identical output with injected faults, and a warm cache sends no request and embeds nothing', async () => {
    const clean = await createKnowledgeLlmAnnotator(optionsFor(await startServer()), countingEncoder()).annotate(DIALOGUES, {
      cache: createMemoryCache(),
      progress: silentProgress,
      options: {},
    });
    const kinds: ServerFault[] = ['wrong-tags', 'truncated', 'server-error', 'not-json', 'rate-limit', 'hang'];
    // every first attempt fails, with a different kind per request; second attempts succeed
    let injected = 0;
    const faulty = await startServer({ fault: ({ attemptForBody }) => (attemptForBody === 1 ? kinds[injected++ % kinds.length] : undefined) });
    const encoder = countingEncoder();
    const cache = createMemoryCache();
    const options = optionsFor(faulty);
    const annotator = createKnowledgeLlmAnnotator(options, encoder);
    const withFaults = await annotator.annotate(DIALOGUES, { cache, progress: silentProgress, options });
    expect(withFaults).toEqual(clean);
    expect(faulty.requestCount()).toBe(6);
    expect(Object.keys(faulty.faultCounts()).sort()).toEqual(['server-error', 'truncated', 'wrong-tags']);
    const rerun = await annotator.annotate(DIALOGUES, { cache, progress: silentProgress, options });
    expect(rerun).toEqual(clean);
    expect(faulty.requestCount()).toBe(6);
    expect(encoder.textsReceived).toBe(5);
  });

  it('an answer that keeps breaking the statement form fails after the retries, and nothing is cached', async () => {
    const server = await startServer({ answer: () => JSON.stringify({ turns: [{ turn: 1, statements: ['the user likes cats'] }] }) });
    const cache = createMemoryCache();
    const options = optionsFor(server, { 'llm.retries': '2' });
    const failure = await createKnowledgeLlmAnnotator(options, countingEncoder())
      .annotate([dialogue('cats', ['I like cats'])], { cache, progress: silentProgress, options })
      .catch((error: unknown) => error);
    expect((failure as RealsimError).code).toBe('LLM_REQUEST_FAILED');
    expect((failure as Error).message).toContain('within 3 attempts');
    expect((failure as Error).message).toContain('found "the user likes cats"');
    expect(server.requestCount()).toBe(3);
    expect(cache.statistics().hits).toBe(0);
  });

  it('is offered by the dimension as backend "llm", embedded by use-lite', async () => {
    const server = await startServer();
    expect(dimension.backends).toContain('llm');
    const annotator = await dimension.createAnnotator('llm', optionsFor(server));
    expect(annotator.backend).toMatch(/^knowledge-llm@1 \(loopback-model, .*\) \+ USE-lite/);
    await annotator.dispose?.();
    expect(server.requestCount()).toBe(0);
  });
});
