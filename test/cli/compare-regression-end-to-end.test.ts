import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The nightly-regression use end to end, through the built binary (npm test builds dist/ first).
const repositoryRoot = resolve(import.meta.dirname, '..', '..');
const sharedDatasets = process.env.REALSIM_SHARED_DATASETS ?? resolve(repositoryRoot, '..', 'shared', 'datasets');
const pairs = join(sharedDatasets, 'mirrorbench', 'pairs.jsonl');
const work = mkdtempSync(join(tmpdir(), 'realsim-compare-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function realsim(...args: string[]) {
  return spawnSync(process.execPath, [join(repositoryRoot, 'bin', 'realsim.js'), ...args], {
    encoding: 'utf8',
    cwd: work,
    env: { ...process.env, NO_COLOR: '1', CI: 'true' },
  });
}

/** The simulator made worse in the way simulators fail: every simulated user turn opens with praise. */
function flatteringCopyOfPairs(): string {
  const lines = readFileSync(pairs, 'utf8').split('\n').filter((line) => line.length > 0);
  const worse = lines.map((line) => {
    const record = JSON.parse(line) as { simulated: { messages: Array<{ role: string; content: string }> } };
    for (const message of record.simulated.messages) {
      if (message.role === 'user') message.content = `Thank you so much, that is wonderful and perfect! ${message.content}`;
    }
    return JSON.stringify(record);
  });
  const path = join(work, 'pairs.jsonl');
  writeFileSync(path, `${worse.join('\n')}\n`);
  return path;
}

describe.skipIf(!existsSync(pairs))('realsim compare on MirrorBench runs (needs ../shared/datasets)', () => {
  const dimensions = 'intent,feedback,emotion,identity,length';

  it('exits 0 on the same run twice and 1 when the simulator was made worse', () => {
    expect(realsim('evaluate', '--pairs', pairs, '--dimensions', dimensions, '--no-cache', '--out', 'base').status).toBe(0);
    expect(realsim('evaluate', '--pairs', pairs, '--dimensions', dimensions, '--no-cache', '--out', 'same').status).toBe(0);
    const same = realsim('compare', 'base/report.json', 'same/report.json');
    expect(same.status).toBe(0);
    // every row of a five-dimension MirrorBench report holds its plug-in and corrected estimates inside its
    // interval, and its verdict is "gap" exactly when q ≤ 0.05 (the interval then leaves out 0; cosine: 1)
    const base = JSON.parse(readFileSync(join(work, 'base', 'report.json'), 'utf8')) as {
      distances: Array<{ metric: string; value: number | null; corrected: number; ciLow: number; ciHigh: number; qValue: number; verdict: string }>;
    };
    expect(base.distances.length).toBe(18); // 9 measures × ("all", "pairs")
    for (const row of base.distances) {
      if (row.value === null) continue;
      for (const estimate of [row.value, row.corrected]) expect(row.ciLow <= estimate && estimate <= row.ciHigh).toBe(true);
      expect(row.verdict === 'gap').toBe(row.qValue <= 0.05);
      expect(row.verdict === 'gap').toBe(row.metric === 'centroid_cosine' ? row.ciHigh < 1 : row.ciLow > 0);
    }

    expect(realsim('evaluate', '--pairs', flatteringCopyOfPairs(), '--dimensions', dimensions, '--no-cache', '--out', 'worse').status).toBe(0);
    const worse = realsim('compare', 'base/report.json', 'worse/report.json');
    expect(worse.status).toBe(1);
    // the praise shows up in emotion (joy) and in intent's request presence (a praising opener reads as no
    // request to the trained intent model); feedback grows too (15.19 → 24.23: explicit_positive on the 16
    // multi-turn simulated dialogues; the first turn of a dialogue is no_feedback by definition) but its
    // interval is too wide at 100 pairs to clear the noise floor, so the gate does not fail on it
    expect(worse.stderr).toContain('4 distances regressed: emotion.sentence_emotion (all), emotion.sentence_emotion (pairs), intent.request_presence (all), intent.request_presence (pairs)');
    expect(worse.stdout).toMatch(/\| regressed \| gemini-2\.5-pro vs chatbot_arena \| emotion \| sentence_emotion \| all \|/);
    // before/after are the bias-corrected distances (plug-in 15.19 → 24.23)
    expect(worse.stdout).toContain('| within threshold | gemini-2.5-pro vs chatbot_arena | feedback | feedback | all | 13.76 | 21.55 | +7.79 |');
  });

  it('exits 2 naming the dimension when its backend was switched (trained → rules), 0 with --allow-changed-setup', () => {
    expect(realsim('evaluate', '--pairs', pairs, '--dimensions', dimensions, '--backend', 'intent=rules', '--no-cache', '--out', 'rules').status).toBe(0);
    const switched = realsim('compare', 'base/report.json', 'rules/report.json');
    expect(switched.status).toBe(2);
    expect(switched.stderr.trim().split('\n')).toHaveLength(1);
    expect(switched.stderr).toMatch(/^realsim: compare: cannot compare: the set-up changed \(use --allow-changed-setup to compare anyway\): dimension intent: backend changed from "intent-trained@1 /);
    const allowed = realsim('compare', 'base/report.json', 'rules/report.json', '--allow-changed-setup');
    expect([0, 1]).toContain(allowed.status);
    expect(allowed.stderr).toMatch(/^realsim: compare: warning: set-up changed: dimension intent: backend changed/);
  });
});
