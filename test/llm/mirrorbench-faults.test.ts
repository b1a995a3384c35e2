import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createDiskCache, createMemoryCache, type AnnotationCache } from '../../src/annotate/annotation-cache.js';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import { runEvaluation } from '../../src/cli/run-evaluation.js';
import { writeRealismReport } from '../../src/report/write-realism-report.js';
import { startChatCompletionsServer, type ChatCompletionsServer, TIMEOUT_FOR_HANGS_MILLISECONDS } from './chat-completions-server.js';
import { FAULT_ROTATION, thirtyPercentFaults } from './fault-plans.js';
import { scriptedAnswer } from './scripted-annotator-answers.js';

// Needs ../shared/datasets (MirrorBench pairs); a user's machine lacks it, so the suite is skipped there.
const repositoryRoot = resolve(import.meta.dirname, '..', '..');
const sharedDatasets = process.env.REALSIM_SHARED_DATASETS ?? resolve(repositoryRoot, '../shared/datasets');
const pairsFile = join(sharedDatasets, 'mirrorbench', 'pairs.jsonl');
const SECRET = 'sk-mirrorbench-SECRET-0123456789';

const workDirectory = mkdtempSync(join(tmpdir(), 'realsim-mirrorbench-faults-'));
const servers: ChatCompletionsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  delete process.env.REALSIM_LLM_API_KEY;
});
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

async function evaluateToBytes(server: ChatCompletionsServer, cache: AnnotationCache, outName: string): Promise<string> {
  const options = {
    'llm.base-url': server.baseUrl,
    'llm.model': 'test',
    'llm.timeout-ms': String(TIMEOUT_FOR_HANGS_MILLISECONDS),
    'llm.backoff-ms': '1',
    'llm.backoff-max-ms': '5',
    'llm.retries': '4',
    'llm.concurrency': '32', // many slots, so the held requests (5 s each until the timeout) overlap
  };
  const { report } = await runEvaluation(
    {
      real: [],
      simulated: [],
      pairFiles: [pairsFile],
      dimensions: ['intent', 'feedback', 'identity'],
      backends: { intent: 'llm', feedback: 'llm', identity: 'llm' },
      seed: 1,
      resamples: 200,
      noiseFloorSplits: 5,
    },
    { cache, progress: silentProgress, options },
  );
  writeRealismReport(report, join(workDirectory, outName));
  return readFileSync(join(workDirectory, outName, 'report.json'), 'utf8');
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe.skipIf(!existsSync(pairsFile))('MirrorBench pairs with the llm backends against a faulty endpoint (needs ../shared/datasets)', () => {
  it('30% injected faults give a report.json byte-identical to the fault-free run; the key is never written', async () => {
    const clean = await startChatCompletionsServer({ answer: scriptedAnswer });
    servers.push(clean);
    const cleanBytes = await evaluateToBytes(clean, createMemoryCache(), 'clean');

    process.env.REALSIM_LLM_API_KEY = SECRET;
    const faulty = await startChatCompletionsServer({ answer: scriptedAnswer, fault: thirtyPercentFaults(), retryAfterSeconds: 0.005 });
    servers.push(faulty);
    const cacheDirectory = join(workDirectory, 'cache');
    const faultyBytes = await evaluateToBytes(faulty, createDiskCache(cacheDirectory), 'faulty');

    expect(faultyBytes).toBe(cleanBytes);
    // the body hashes decide which attempts fail and how, so these counts are the same on any machine: the
    // fault-free run sends one request per dialogue and dimension (597, long dialogues in chunks), and every
    // injected fault costs exactly one retry (no wrong-tags fault fell on an answer with nothing to corrupt)
    const injected = Object.values(faulty.faultCounts()).reduce((sum, count) => sum + (count ?? 0), 0);
    expect(clean.requestCount()).toBe(597);
    expect(injected).toBe(231);
    expect(faulty.requestCount()).toBe(clean.requestCount() + injected);
    // all seven kinds occurred
    expect(Object.keys(faulty.faultCounts()).sort()).toEqual([...FAULT_ROTATION].sort());

    // token usage per dimension is in the report, and counts each accepted answer once: its requests sum
    // to the fault-free server's count (100 pairs → 200 dialogues per dimension, one request each unless long)
    const report = JSON.parse(faultyBytes) as { llmUsage?: Array<{ dimension: string; model: string; items: number; requests: number; promptTokens: number; completionTokens: number; itemsWithoutUsage: number }> };
    expect(report.llmUsage?.map((row) => [row.dimension, row.model, row.itemsWithoutUsage])).toEqual([
      ['intent', 'test', 0],
      ['feedback', 'test', 0],
      ['identity', 'test', 0],
    ]);
    expect(report.llmUsage?.reduce((sum, row) => sum + row.requests, 0)).toBe(clean.requestCount());
    for (const row of report.llmUsage ?? []) {
      expect(row.promptTokens).toBeGreaterThan(row.requests * 100); // the system prompt alone is > 100 tokens
      expect(row.completionTokens).toBeGreaterThan(0);
    }
    expect(readFileSync(join(workDirectory, 'faulty', 'report.md'), 'utf8')).toMatch(/## LLM token usage\n\n- intent \(test\): \d+ prompt \+ \d+ completion tokens, \d+ requests for \d+ dialogues/);

    // the key went to the endpoint, and nowhere into the cache or the report files
    expect(faulty.authorizations().every((header) => header === `Bearer ${SECRET}`)).toBe(true);
    const written = [...filesUnder(cacheDirectory), ...filesUnder(join(workDirectory, 'faulty'))];
    expect(written.length).toBeGreaterThanOrEqual(6);
    for (const file of written) expect(readFileSync(file, 'utf8')).not.toContain(SECRET);

    // a warm rerun from the disk cache sends nothing and writes the same bytes
    const before = faulty.requestCount();
    expect(await evaluateToBytes(faulty, createDiskCache(cacheDirectory), 'warm')).toBe(cleanBytes);
    expect(faulty.requestCount()).toBe(before);
  }, 120_000);
});
