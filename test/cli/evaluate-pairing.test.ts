import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryCache } from '../../src/annotate/annotation-cache.js';
import { silentProgress } from '../../src/cli/progress-reporter.js';
import { runEvaluation } from '../../src/cli/run-evaluation.js';

const directory = mkdtempSync(join(tmpdir(), 'realsim-pairing-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function writeJsonl(name: string, records: unknown[]): string {
  const path = join(directory, name);
  writeFileSync(path, records.map((record) => JSON.stringify(record)).join('\n') + '\n');
  return path;
}

const conversation = (id: string, words: number) => ({
  id,
  messages: [
    { role: 'user', content: Array.from({ length: words }, (_, index) => `w${index}`).join(' ') },
    { role: 'assistant', content: 'ok' },
  ],
});

describe('evaluate pairs a simulator with real dialogues by scenario id', () => {
  it('uses a real dialogue\'s id as its scenario id, so `simulate` output (scenario_id = dialogue id) pairs', async () => {
    const real = writeJsonl('real.jsonl', [conversation('a', 2), conversation('b', 4), conversation('c', 6)]);
    const simulated = writeJsonl('sim.jsonl', [
      { ...conversation('sim/a', 12), scenario_id: 'a' },
      { ...conversation('sim/b', 14), scenario_id: 'b' },
      { ...conversation('sim/x', 99), scenario_id: 'x' },
    ]);
    const { report } = await runEvaluation(
      {
        real: [{ name: 'real', paths: [real] }],
        simulated: [{ name: 'sim', paths: [simulated] }],
        pairFiles: [],
        dimensions: ['length'],
        backends: {},
        seed: 1,
        resamples: 1000,
        noiseFloorSplits: 5,
      },
      { cache: createMemoryCache(), progress: silentProgress, options: {} },
    );
    expect(report.comparisons).toEqual([{ real: 'real', simulated: 'sim', paired: true, pairs: 2 }]);
    expect(report.warnings).toContain('sim vs real: the paired distance rows use 2 pairs holding 2 of 3 real and 2 of 3 simulated dialogues; the summary rows count every dialogue of each set once');
    const words = report.distances.find((row) => row.measure === 'user_words' && row.domain === 'all');
    // paired on a and b only: real words {2, 4}, simulated {12, 14} → every quantile is 10 apart, W1 = 10
    expect(words?.paired).toBe(true);
    expect(words?.value).toBe(10);
    expect(words?.nReal).toBe(2);
    expect(words?.nSimulated).toBe(2);
  });
});

describe('tau-bench-style logs: several trials of a task, ###STOP### at the end', () => {
  const tasks = [0, 1, 2, 3, 4];
  const trajectory = (task: number, trial: number) => ({
    task_id: task,
    trial,
    info: { task: { instruction: `You want help with errand number ${task}.` } },
    traj: [
      { role: 'system', content: '# agent policy' },
      { role: 'user', content: `hi, I need errand ${task} done, attempt ${trial}` },
      { role: 'assistant', content: 'Done. Anything else?' },
      // tau-bench's user simulator ends with the token, alone or after a closing remark
      { role: 'user', content: trial % 2 === 0 ? '###STOP###' : 'no thanks, bye ###STOP###' },
    ],
  });

  it('pairs all 4 trials of each task with its dialogue, says the sample differs from the summaries, and leaves no ###STOP### in user text', async () => {
    const reference = join(directory, 'tau-trials.json');
    writeFileSync(reference, JSON.stringify(tasks.flatMap((task) => [0, 1, 2, 3].map((trial) => trajectory(task, trial)))));
    const simulated = writeJsonl('one-per-task.jsonl', tasks.map((task) => ({ ...conversation(`sim/${task}`, 5 + task), scenario_id: String(task) })));
    const { report, sets } = await runEvaluation(
      {
        real: [{ name: 'tau', paths: [reference] }],
        simulated: [{ name: 'sim', paths: [simulated] }],
        pairFiles: [],
        dimensions: ['length'],
        backends: {},
        seed: 1,
        resamples: 200,
        noiseFloorSplits: 5,
      },
      { cache: createMemoryCache(), progress: silentProgress, options: {} },
    );
    const tau = sets.find((set) => set.name === 'tau');
    expect(tau?.dialogues).toHaveLength(20);
    const userTexts = tau?.dialogues.flatMap((dialogue) => dialogue.turns.filter((turn) => turn.role === 'user').map((turn) => turn.text)) ?? [];
    expect(userTexts.some((text) => text.includes('###STOP###'))).toBe(false);
    // the token-only message is dropped, the closing remark stays without the token
    expect(tau?.dialogues.find((dialogue) => dialogue.id === '0/trial-0')?.turns.map((turn) => turn.text)).toEqual(['hi, I need errand 0 done, attempt 0', 'Done. Anything else?']);
    expect(tau?.dialogues.find((dialogue) => dialogue.id === '0/trial-1')?.turns.at(-1)).toEqual({ role: 'user', text: 'no thanks, bye' });
    expect(tau?.dialogues.every((dialogue) => dialogue.userEndedDialogue === true)).toBe(true);

    const words = report.distances.find((row) => row.measure === 'user_words' && row.domain === 'all');
    expect(words?.nReal).toBe(20);
    expect(words?.nSimulated).toBe(20);
    expect(words?.warnings).toContain(
      "paired many-to-one: 20 pairs hold 20 different real and 5 different simulated dialogues (a scenario with several dialogues on one side pairs each with the other side's; intervals resample scenarios); the set summaries count each dialogue once, so their n differs",
    );
    expect(words?.warnings.some((warning) => warning.startsWith('paired: left out'))).toBe(false);
    expect(report.comparisons).toEqual([{ real: 'tau', simulated: 'sim', paired: true, pairs: 5 }]);
    expect(report.warnings).toContain('sim vs tau: the paired distance rows use 20 pairs holding 20 of 20 real and 5 of 5 simulated dialogues; the summary rows count every dialogue of each set once');
  });
});
