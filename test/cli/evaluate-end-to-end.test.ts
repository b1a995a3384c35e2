import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// End-to-end through the built binary (npm test builds dist/ first, in `pretest`).
const repositoryRoot = resolve(import.meta.dirname, '..', '..');
const sharedDatasets = process.env.REALSIM_SHARED_DATASETS ?? resolve(repositoryRoot, '..', 'shared', 'datasets');
const binary = join(repositoryRoot, 'bin', 'realsim.js');
const workDirectory = mkdtempSync(join(tmpdir(), 'realsim-e2e-'));
afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

function realsim(...args: string[]) {
  return spawnSync(process.execPath, [binary, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: 'true' },
    cwd: workDirectory,
  });
}

describe('realsim CLI errors', () => {
  it('prints one line and exits 1 for a missing input, without a stack trace', () => {
    const result = realsim('evaluate', '--real', 'does-not-exist.jsonl', '--out', 'out', '--no-cache');
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    const last = lines[lines.length - 1] ?? '';
    expect(last).toMatch(/^realsim: .*does-not-exist\.jsonl/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects an unknown dimension and lists the valid ones', () => {
    writeFileSync(join(workDirectory, 'one.jsonl'), `${JSON.stringify({ id: 'a', messages: [{ role: 'user', content: 'hi there' }, { role: 'assistant', content: 'hello' }] })}\n`);
    const result = realsim('evaluate', '--real', 'one.jsonl', '--dimensions', 'lenght', '--out', 'out', '--no-cache');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--dimensions: expected one of');
    expect(result.stderr).toContain('"length"');
    expect(result.stderr).toContain('found "lenght"');
  });

  it('refuses a misspelt --option key, a --backend for an unknown dimension and an empty --dimensions list', () => {
    const option = realsim('evaluate', '--real', 'one.jsonl', '--dimensions', 'length', '--option', 'llm.timout-ms=5', '--out', 'out', '--no-cache');
    expect(option.status).toBe(1);
    expect(option.stderr).toMatch(/^realsim: --option: expected one of .*"llm\.timeout-ms".*, found "llm\.timout-ms"\n$/);
    const backend = realsim('evaluate', '--real', 'one.jsonl', '--dimensions', 'length', '--backend', 'identiy=llm', '--out', 'out', '--no-cache');
    expect(backend.status).toBe(1);
    expect(backend.stderr).toMatch(/^realsim: --backend: expected <dimension>=<backend> with a dimension of "intent", .*, found "identiy"\n$/);
    const empty = realsim('evaluate', '--real', 'one.jsonl', '--dimensions', ',', '--out', 'out', '--no-cache');
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/^realsim: --dimensions: expected a comma-separated list of dimension ids \(intent, .*\), found none\n$/);
    // a known key of a dimension that is not run is fine
    expect(realsim('evaluate', '--real', 'one.jsonl', '--dimensions', 'length', '--option', 'emotion.threshold=0.5', '--out', 'out', '--no-cache').status).toBe(0);
  });

  it('rejects a non-integer seed', () => {
    const result = realsim('evaluate', '--real', 'one.jsonl', '--seed', 'abc', '--out', 'out');
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('realsim: --seed: expected an integer ≥ 0, found "abc"');
  });
});

describe.skipIf(!existsSync(sharedDatasets))('realsim evaluate on the shared data (needs ../shared/datasets)', () => {
  const pairs = join(sharedDatasets, 'mirrorbench', 'pairs.jsonl');
  const realDirectory = join(sharedDatasets, 'realsim', 'real_dialogues');

  it('writes a byte-identical report.json for the same inputs and seed', () => {
    const first = realsim('evaluate', '--pairs', pairs, '--dimensions', 'length', '--out', 'first', '--seed', '7', '--no-cache');
    expect(first.stderr).not.toContain('internal error');
    expect(first.status).toBe(0);
    const second = realsim('evaluate', '--pairs', pairs, '--dimensions', 'length', '--out', 'second', '--seed', '7', '--no-cache', '--markdown-summary', join('second', 'pr-comment.md'));
    expect(second.status).toBe(0);
    // --markdown-summary writes one more file, the summary that opens report.md, and leaves report.json as it was
    expect(second.stdout.trim().split('\n').at(-1)).toBe(join('second', 'pr-comment.md'));
    const prComment = readFileSync(join(workDirectory, 'second', 'pr-comment.md'), 'utf8');
    expect(prComment).toContain('## Summary');
    expect(prComment.length).toBeLessThan(60_000);
    const a = readFileSync(join(workDirectory, 'first', 'report.json'), 'utf8');
    const b = readFileSync(join(workDirectory, 'second', 'report.json'), 'utf8');
    expect(a).toBe(b);
    const report = JSON.parse(a);
    expect(report.seed).toBe(7);
    expect(report.schemaVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(report.inputs[0].files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    // MirrorBench pairs (checked with python): real users write 35.69 words per dialogue on average,
    // the gemini-2.5-pro simulator 56.94 — simulated users are more verbose.
    const words = report.summary.filter((row: { measure: string; domain: string }) => row.measure === 'user_words' && row.domain === 'all');
    const realWords = words.find((row: { set: string }) => row.set === 'chatbot_arena');
    const simulatedWords = words.find((row: { set: string }) => row.set === 'gemini-2.5-pro');
    expect(realWords.mean).toBeCloseTo(35.69, 2);
    expect(realWords.median).toBeCloseTo(16.5, 2);
    expect(simulatedWords.mean).toBeCloseTo(56.94, 2);
    expect(simulatedWords.median).toBeCloseTo(38, 2);
    const distance = report.distances.find((row: { measure: string; domain: string }) => row.measure === 'user_words' && row.domain === 'all');
    expect(distance.metric).toBe('wasserstein1');
    expect(distance.unit).toContain('words');
    expect(distance.paired).toBe(true);
    expect(distance.nReal).toBe(100);
    expect(distance.ciLow).toBeLessThanOrEqual(distance.value);
    expect(distance.ciHigh).toBeGreaterThanOrEqual(distance.value);
    // the verbosity gap is real: q ≤ 0.05 and the interval leaves out 0 (it no longer has to clear the
    // half-size real-vs-real noise floor, which the verdict does not use since report schema 1.2)
    expect(distance.ciLow).toBeGreaterThan(0);
    expect(distance.verdict).toBe('gap');
    // No row has its plug-in or its corrected estimate outside its interval, and "gap" is exactly q ≤ 0.05,
    // which is exactly an interval that leaves out 0 (cosine: 1).
    for (const row of report.distances) {
      if (row.value === null) continue;
      for (const estimate of [row.value, row.corrected]) {
        expect(row.ciLow).toBeLessThanOrEqual(estimate);
        expect(row.ciHigh).toBeGreaterThanOrEqual(estimate);
      }
      expect(row.verdict === 'gap').toBe(row.qValue <= 0.05);
      expect(row.verdict === 'gap').toBe(row.metric === 'centroid_cosine' ? row.ciHigh < 1 : row.ciLow > 0);
    }
  });

  it('inspect prints the exact dataset summary of the realsim real set', () => {
    const result = realsim('inspect', realDirectory, '--domain-map', join(repositoryRoot, 'datasets', 'realsim-domains.json'));
    expect(result.status).toBe(0);
    // counted with python: 981 dialogues, 6,917 user turns of which 17 empty, 149,260 whitespace words, 16 domains
    expect(result.stdout).toContain('dialogues: 981');
    expect(result.stdout).toContain('user turns: 6917 (17 empty), 7.05 per dialogue');
    expect(result.stdout).toContain('user words (whitespace): 149260, 152.15 per dialogue');
    expect(result.stdout).toContain('domains (16): books 95,');
  });

  it('summarizes the realsim real set exactly (981 dialogues, 149,260 whitespace words)', () => {
    const result = realsim('evaluate', '--real', `realsim=${realDirectory}`, '--dimensions', 'length', '--out', 'realsim', '--no-cache');
    expect(result.status).toBe(0);
    const report = JSON.parse(readFileSync(join(workDirectory, 'realsim', 'report.json'), 'utf8'));
    const row = (domain: string, measure: string) =>
      report.summary.find((candidate: { domain: string; measure: string }) => candidate.domain === domain && candidate.measure === measure);
    // Figures computed with python over ../shared/datasets/realsim/real_dialogues/*.json (str.split word counts):
    // all: 981 dialogues, 149,260 words → mean 152.1509, median 85; 6,917 user turns → mean 7.0510, median 6.
    expect(row('all', 'user_words').n).toBe(981);
    expect(row('all', 'user_words').mean).toBeCloseTo(152.1509, 3);
    expect(row('all', 'user_words').median).toBe(85);
    expect(row('all', 'user_turns').mean).toBeCloseTo(7.051, 3);
    expect(row('all', 'user_turns').median).toBe(6);
    // job_application: 64 dialogues, mean 417.6562 words, median 219; email: 54, 213.963, 127.
    expect(row('job_application', 'user_words').mean).toBeCloseTo(417.6562, 3);
    expect(row('job_application', 'user_words').median).toBe(219);
    expect(row('email', 'user_words').mean).toBeCloseTo(213.963, 3);
    expect(row('email', 'user_words').n).toBe(54);
  });
});
