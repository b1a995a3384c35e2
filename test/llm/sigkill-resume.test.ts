import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startChatCompletionsServer, type ChatCompletionsServer } from './chat-completions-server.js';
import { scriptedAnswer } from './scripted-annotator-answers.js';

// Through the built binary (npm test builds dist/ first, in `pretest`), killed with SIGKILL half-way.
const repositoryRoot = resolve(import.meta.dirname, '..', '..');
const binary = join(repositoryRoot, 'bin', 'realsim.js');
const SECRET = 'sk-test-secret';
const DIALOGUES = 40;
const ANSWERED_BEFORE_KILL = 20;

const workDirectory = mkdtempSync(join(tmpdir(), 'realsim-sigkill-'));
const servers: ChatCompletionsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

/** 40 small dialogues in the OpenAI messages layout, all different (one request each for intent). */
function writeFixture(): string {
  const file = join(workDirectory, 'dialogues.jsonl');
  const lines = Array.from({ length: DIALOGUES }, (_, index) =>
    JSON.stringify({
      id: `dialogue-${index + 1}`,
      messages: [
        { role: 'user', content: index % 3 === 0 ? `Write a haiku about the number ${index + 1}` : `What is ${index + 1} times ${index + 2}?` },
        { role: 'assistant', content: `Here you go (${index + 1}).` },
        { role: 'user', content: index % 2 === 0 ? 'thanks' : 'that is wrong, try again' },
      ],
    }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function evaluateArguments(fixture: string, server: ChatCompletionsServer, cacheDirectory: string, outName: string): string[] {
  return [
    binary, 'evaluate', '--real', fixture, '--dimensions', 'intent', '--backend', 'intent=llm',
    '--option', `llm.base-url=${server.baseUrl}`, '--option', 'llm.model=test', '--option', 'llm.concurrency=2',
    '--option', 'llm.timeout-ms=30000', '--option', 'llm.backoff-ms=1',
    '--resamples', '1000', '--noise-floor-splits', '3', '--cache-dir', cacheDirectory, '--out', join(workDirectory, outName),
  ];
}

const childEnvironment = { ...process.env, NO_COLOR: '1', CI: 'true', REALSIM_LLM_API_KEY: SECRET };

/** Runs the CLI to its end without blocking this process (the loopback server lives here). */
async function runToEnd(args: string[]): Promise<void> {
  const child = spawn(process.execPath, args, { env: childEnvironment, cwd: workDirectory, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
  expect(stderr).not.toContain('internal error');
  expect(code, stderr).toBe(0);
}

function cacheLines(cacheDirectory: string): string[] {
  if (!existsSync(cacheDirectory)) return [];
  return readdirSync(cacheDirectory).flatMap((name) => readFileSync(join(cacheDirectory, name), 'utf8').split('\n').filter((line) => line.endsWith('}')));
}

async function waitFor(condition: () => boolean, what: string, milliseconds = 30_000): Promise<void> {
  const deadline = Date.now() + milliseconds;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.skipIf(!existsSync(join(repositoryRoot, 'dist', 'src', 'cli', 'main.js')))('evaluate killed with SIGKILL half-way (needs the build in dist/)', () => {
  it('resumes from the cache without re-asking any answered dialogue and writes the clean run’s report', async () => {
    const fixture = writeFixture();
    // the endpoint answers the first 20 requests (30 ms each, 2 at a time) and holds every later one
    // unanswered, so the kill finds exactly 20 dialogues answered and 2 in flight
    let phase: 'first' | 'resumed' = 'first';
    const answeredInFirstRun = new Set<string>();
    const requestedInResumedRun: string[] = [];
    let arrivalsInFirstRun = 0;
    const server = await startChatCompletionsServer({
      answer: scriptedAnswer,
      delayMilliseconds: 30,
      fault: ({ bodyHash }) => {
        if (phase === 'resumed') {
          requestedInResumedRun.push(bodyHash);
          return undefined;
        }
        arrivalsInFirstRun += 1;
        if (arrivalsInFirstRun > ANSWERED_BEFORE_KILL) return 'hang';
        answeredInFirstRun.add(bodyHash);
        return undefined;
      },
    });
    servers.push(server);
    const cacheDirectory = join(workDirectory, 'cache');
    const child = spawn(process.execPath, evaluateArguments(fixture, server, cacheDirectory, 'killed'), { env: childEnvironment, cwd: workDirectory, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await waitFor(() => cacheLines(cacheDirectory).length === ANSWERED_BEFORE_KILL && server.requestCount() === ANSWERED_BEFORE_KILL + 2, '20 cached answers and 2 held requests');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(existsSync(join(workDirectory, 'killed', 'report.json'))).toBe(false);
    expect(answeredInFirstRun.size).toBe(ANSWERED_BEFORE_KILL);

    // a crash in the middle of a write leaves a cut line at the end of the cache file: it must be ignored
    const [cacheFile] = readdirSync(cacheDirectory);
    appendFileSync(join(cacheDirectory, cacheFile ?? 'missing'), '{"k":"0123456789abcdef","v":{"turns":[{"requ');

    phase = 'resumed';
    await runToEnd(evaluateArguments(fixture, server, cacheDirectory, 'resumed'));
    // exactly the 20 unanswered dialogues were asked, each once, none of the 20 answered before the kill
    expect(requestedInResumedRun).toHaveLength(DIALOGUES - ANSWERED_BEFORE_KILL);
    expect(new Set(requestedInResumedRun).size).toBe(DIALOGUES - ANSWERED_BEFORE_KILL);
    expect(requestedInResumedRun.filter((hash) => answeredInFirstRun.has(hash))).toEqual([]);

    // a third run from the same cache sends nothing (the line written after the cut one must be readable)
    const beforeWarm = server.requestCount();
    await runToEnd(evaluateArguments(fixture, server, cacheDirectory, 'warm'));
    expect(server.requestCount()).toBe(beforeWarm);

    const cleanServer = await startChatCompletionsServer({ answer: scriptedAnswer });
    servers.push(cleanServer);
    const cleanCache = join(workDirectory, 'clean-cache');
    await runToEnd(evaluateArguments(fixture, cleanServer, cleanCache, 'clean'));
    expect(cleanServer.requestCount()).toBe(DIALOGUES);
    const resumedReport = readFileSync(join(workDirectory, 'resumed', 'report.json'), 'utf8');
    expect(resumedReport).toBe(readFileSync(join(workDirectory, 'clean', 'report.json'), 'utf8'));
    // token usage covers all 40 dialogues in both (it is stored with each cached answer)
    expect((JSON.parse(resumedReport) as { llmUsage: Array<{ items: number; requests: number }> }).llmUsage).toMatchObject([{ items: DIALOGUES, requests: DIALOGUES }]);

    // the key reached the endpoint and was written nowhere
    expect(server.authorizations().every((header) => header === `Bearer ${SECRET}`)).toBe(true);
    for (const directory of [cacheDirectory, cleanCache, join(workDirectory, 'resumed')]) {
      for (const name of readdirSync(directory)) expect(readFileSync(join(directory, name), 'utf8')).not.toContain(SECRET);
    }
  }, 120_000);
});
