import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startChatCompletionsServer, type ChatCompletionsServer } from './chat-completions-server.js';
import { scriptedAnswer } from './scripted-annotator-answers.js';

// `realsim validate --backend <dimension>=llm` through the built binary against the loopback server.
// Needs ../shared/datasets (reference labels + realsim real dialogues) and dist/ (npm test builds it).
const repositoryRoot = resolve(import.meta.dirname, '..', '..');
const sharedDatasets = process.env.REALSIM_SHARED_DATASETS ?? resolve(repositoryRoot, '../shared/datasets');
const labelsFile = join(sharedDatasets, 'reference-labels', 'dev.jsonl');
const dialoguesDirectory = join(sharedDatasets, 'realsim', 'real_dialogues');
const binary = join(repositoryRoot, 'bin', 'realsim.js');

const servers: ChatCompletionsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe.skipIf(!existsSync(labelsFile) || !existsSync(join(repositoryRoot, 'dist', 'src', 'cli', 'main.js')))('realsim validate with llm backends (needs ../shared/datasets and dist/)', () => {
  it('scores intent, feedback and identity llm backends against the hand labels, one flag away from a real endpoint', async () => {
    const server = await startChatCompletionsServer({ answer: scriptedAnswer });
    servers.push(server);
    const child = spawn(
      process.execPath,
      [
        binary, 'validate', '--dialogues', dialoguesDirectory, '--labels', labelsFile, '--dimension', 'intent,feedback,identity',
        '--backend', 'intent=llm', '--backend', 'feedback=llm', '--backend', 'identity=llm',
        '--option', `llm.base-url=${server.baseUrl}`, '--option', 'llm.model=test', '--no-cache', '--json',
      ],
      { env: { ...process.env, NO_COLOR: '1', REALSIM_LLM_API_KEY: 'sk-test-secret' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(0);
    const scores = JSON.parse(stdout) as Record<string, { microF1: number; macroF1: number }>;
    expect(Object.keys(scores).sort()).toEqual(['feedback', 'identity', 'intent']);
    for (const score of Object.values(scores)) {
      expect(score.microF1).toBeGreaterThanOrEqual(0);
      expect(score.microF1).toBeLessThanOrEqual(1);
    }
    // dev.jsonl labels 33 dialogues: each dimension sends at least one request per labelled dialogue
    expect(server.requestCount()).toBeGreaterThanOrEqual(3 * 33);
    expect(stderr).not.toContain('sk-test-secret');
  }, 120_000);
});
