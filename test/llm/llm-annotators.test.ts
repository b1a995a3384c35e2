import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiskCache, createMemoryCache, type AnnotationCache } from '../../src/annotate/annotation-cache.js';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import type { DialogueAnnotation, DimensionAnnotator } from '../../src/core/dimension.js';
import { RealsimError } from '../../src/core/realsim-error.js';
import { dimension as feedbackDimension } from '../../dimensions/feedback/index.js';
import { dimension as identityDimension } from '../../dimensions/identity/index.js';
import { dimension as intentDimension } from '../../dimensions/intent/index.js';
import { llmRunState } from '../../src/llm/llm-run-state.js';
import { startChatCompletionsServer, type ChatCompletionsServer, TIMEOUT_FOR_HANGS_MILLISECONDS } from './chat-completions-server.js';
import { thirtyPercentFaults } from './fault-plans.js';
import { fixtureDialogues, scriptedAnswer } from './scripted-annotator-answers.js';

const SECRET = 'sk-annotator-SECRET-9876543210';
const servers: ChatCompletionsServer[] = [];
const directories: string[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  delete process.env.REALSIM_LLM_API_KEY;
});

async function startServer(fault?: ReturnType<typeof thirtyPercentFaults>): Promise<ChatCompletionsServer> {
  const server = await startChatCompletionsServer({ answer: scriptedAnswer, retryAfterSeconds: 0.01, ...(fault ? { fault } : {}) });
  servers.push(server);
  return server;
}

function optionsFor(server: ChatCompletionsServer, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'llm.base-url': server.baseUrl,
    'llm.model': 'loopback-model',
    'llm.timeout-ms': String(TIMEOUT_FOR_HANGS_MILLISECONDS),
    'llm.backoff-ms': '1',
    'llm.retries': '4',
    'llm.concurrency': '4',
    'llm.turns-per-request': '3',
    ...extra,
  };
}

const DIMENSIONS = [intentDimension, feedbackDimension, identityDimension];

async function annotateAll(options: Record<string, string>, cache: AnnotationCache): Promise<{ backends: string[]; annotations: DialogueAnnotation[][] }> {
  const backends: string[] = [];
  const annotations: DialogueAnnotation[][] = [];
  for (const module of DIMENSIONS) {
    const annotator: DimensionAnnotator = await module.createAnnotator('llm', options);
    backends.push(annotator.backend);
    annotations.push(await annotator.annotate(fixtureDialogues(), { cache, progress: silentProgress, options }));
  }
  return { backends, annotations };
}

describe('llm backends of intent, feedback and identity against the loopback server', () => {
  it('produce the rule backends’ shapes with tags, aliases and verified quotes as scripted', async () => {
    const server = await startServer();
    const { annotations } = await annotateAll(optionsFor(server), createMemoryCache());
    const [intent, feedback, identity] = annotations;
    // d1 turns: "Write a poem…" → content_generation; "thanks…", "that is wrong…", "I am a teacher…", "ok" → no request
    expect(intent?.[0]).toEqual({
      dialogueId: 'd1',
      numeric: {},
      categorical: { intent: ['content_generation'], request_presence: ['request', 'none', 'none', 'none', 'none'] },
      userTurns: [
        { turn: 1, intent: ['content_generation'], requests: [{ request: 'write something', intents: ['content_generation'] }] },
        { turn: 2, intent: [], requests: [] },
        { turn: 3, intent: [], requests: [] },
        { turn: 4, intent: [], requests: [] },
        { turn: 5, intent: [], requests: [] },
      ],
    });
    // d2: "Translation" is an alias of content_modification; d3 turn 2 gets two tags in guide order
    expect(intent?.[1]?.categorical.intent).toEqual(['content_modification']);
    expect(intent?.[2]?.categorical.intent).toEqual(['info_retrieval', 'info_understanding', 'system_management']);
    // d1 feedback: turn 1 forced no_feedback; "positive_feedback" → explicit_positive;
    // "#negative_feedback" + regeneration_request → explicit_negative, regeneration_request (guide order)
    expect(feedback?.[0]?.categorical.feedback).toEqual(['no_feedback', 'explicit_positive', 'explicit_negative', 'regeneration_request', 'no_feedback', 'no_feedback']);
    expect(feedback?.[0]?.userTurns?.map((turn) => turn.feedback)).toEqual([
      ['no_feedback'],
      ['explicit_positive'],
      ['explicit_negative', 'regeneration_request'],
      ['no_feedback'],
      ['no_feedback'],
    ]);
    // d1 identity: turn 4 reveals demographic ("I am a teacher") and relationships ("my sister" verified;
    // "my beloved older sister" does not occur: dropped and counted); 1 disclosing turn of 5 = 20%
    expect(identity?.[0]?.categorical).toEqual({
      identity_turn: ['none', 'none', 'none', 'demographic', 'relationships', 'none'],
      identity_dialogue: ['demographic', 'relationships'],
    });
    expect(identity?.[0]?.numeric).toEqual({ disclosing_turn_percent: 20 });
    expect(identity?.[0]?.userTurns?.[3]).toEqual({ turn: 4, identity: ['demographic', 'relationships'], identityQuotes: ['I am a teacher', 'my sister'], unverifiedQuotes: 1 });
    // d12's 5,000-character paste is cut to 2,000 characters in the prompt: the "end of log" tail survives
    const longPrompt = server.bodies().find((body) => body.messages[1]?.content.includes('end of log'))?.messages[1]?.content ?? '';
    expect(longPrompt).toContain('characters cut…]');
    expect(longPrompt.length).toBeLessThan(3_000);
    expect(identity?.[11]?.categorical.identity_dialogue).toEqual(['demographic']);
    // requests: per dimension 13 (d1 needs two chunks of ≤ 3 turns, the other 11 dialogues one each), 3 dimensions,
    // plus 4 retries of the identity chunk with the invented quote (asked again until the last attempt, which
    // keeps the verified rest: unverifiedQuotes 1)
    expect(server.requestCount()).toBe(39 + 4);
  });

  it('gives identical output with 30% injected faults, and a warm cache sends zero requests', async () => {
    const clean = await annotateAll(optionsFor(await startServer()), createMemoryCache());
    const faulty = await startServer(thirtyPercentFaults());
    const cache = createMemoryCache();
    const options = optionsFor(faulty);
    const withFaults = await annotateAll(options, cache);
    expect(withFaults).toEqual(clean);
    const injected = Object.values(faulty.faultCounts()).reduce((sum, count) => sum + (count ?? 0), 0);
    // the body hashes pick 10 faulty attempts and their kinds: six of the seven (not-json occurs in the
    // MirrorBench fault run and the client tests)
    expect(injected).toBe(10);
    expect(Object.keys(faulty.faultCounts()).sort()).toEqual(['hang', 'malformed-body', 'rate-limit', 'server-error', 'truncated', 'wrong-tags']);
    expect(faulty.requestCount()).toBe(39 + 4 + injected);
    // accepted-token usage does not depend on faults: each dimension accepted 13 answers
    expect(llmRunState(options).usage.byDimension().intent?.acceptedRequests).toBe(13);
    const before = faulty.requestCount();
    const rerun = await annotateAll(options, cache);
    expect(rerun).toEqual(clean);
    expect(faulty.requestCount()).toBe(before);
  });

  it('retries an answer whose identity quote the user never wrote, and then matches the clean run', async () => {
    const clean = await annotateAll(optionsFor(await startServer()), createMemoryCache());
    // every first identity answer with a disclosure comes back with its quotes made up
    let fabricated = 0;
    const server = await startChatCompletionsServer({
      answer: scriptedAnswer,
      fault: ({ attemptForBody, body }) => {
        const isIdentity = body.messages[0]?.content.includes('reveal') === true || body.response_format?.json_schema?.name === 'identity_annotation';
        if (attemptForBody !== 1 || !isIdentity || !scriptedAnswer(body).includes('"quote"')) return undefined;
        fabricated += 1;
        return 'fabricated-quote';
      },
    });
    servers.push(server);
    const withFabricated = await annotateAll(optionsFor(server), createMemoryCache());
    expect(withFabricated).toEqual(clean);
    expect(fabricated).toBeGreaterThan(0);
    expect(server.faultCounts()['fabricated-quote']).toBe(fabricated);
    // each made-up quote costs one retry, except on the chunk whose scripted answer invents a quote anyway
    // (its first attempt failed already; it takes its 5 attempts either way)
    expect(fabricated).toBe(2);
    expect(server.requestCount()).toBe(39 + 4 + fabricated - 1);
  });

  it('a run stopped half-way by the budget resumes from the disk cache without re-asking answered items', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'realsim-llm-cache-'));
    directories.push(directory);
    process.env.REALSIM_LLM_API_KEY = SECRET;
    const server = await startServer();
    const module = intentDimension;
    const firstOptions = optionsFor(server, { 'llm.max-requests': '6', 'llm.concurrency': '1' });
    const first = await module.createAnnotator('llm', firstOptions);
    const failure = await first
      .annotate(fixtureDialogues(), { cache: createDiskCache(directory), progress: silentProgress, options: firstOptions })
      .catch((error: unknown) => error);
    expect((failure as RealsimError).code).toBe('LLM_BUDGET_EXCEEDED');
    expect(server.requestCount()).toBe(6);
    // 6 requests answered d1 (2 chunks) and d2..d5: five dialogues are on disk, in one JSONL file
    const files = readdirSync(directory);
    expect(files).toHaveLength(1);
    const text = readFileSync(join(directory, files[0] ?? ''), 'utf8');
    expect(text.trim().split('\n')).toHaveLength(5);
    expect(text).not.toContain(SECRET);
    const secondOptions = optionsFor(server);
    const second = await module.createAnnotator('llm', secondOptions);
    const resumed = await second.annotate(fixtureDialogues(), { cache: createDiskCache(directory), progress: silentProgress, options: secondOptions });
    // the remaining seven dialogues, one request each
    expect(server.requestCount()).toBe(6 + 7);
    const fresh = await (await module.createAnnotator('llm', optionsFor(server))).annotate(fixtureDialogues(), {
      cache: createMemoryCache(),
      progress: silentProgress,
      options: optionsFor(server),
    });
    expect(resumed).toEqual(fresh);
    expect(server.authorizations().every((header) => header === `Bearer ${SECRET}`)).toBe(true);
  });

  it('a different model or prompt is a different cache namespace, and the backend names the model', async () => {
    const server = await startServer();
    const cache = createMemoryCache();
    await annotateAll(optionsFor(server), cache);
    const other = await annotateAll(optionsFor(server, { 'llm.model.identity': 'other-model' }), cache);
    // intent and feedback hit the cache; identity was asked again under its own model (12 dialogues → 13
    // requests, + 4 retries of the chunk with the invented quote, in both runs)
    expect(server.requestCount()).toBe(39 + 4 + 13 + 4);
    expect(other.backends[2]).toMatch(/^identity-llm@2 \(other-model, prompt [0-9a-f]{12}, /);
    expect(other.backends[0]).toMatch(/^intent-llm@1 \(loopback-model, /);
  });
});
