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
    const words = report.distances.find((row) => row.measure === 'user_words' && row.domain === 'all');
    // paired on a and b only: real words {2, 4}, simulated {12, 14} → every quantile is 10 apart, W1 = 10
    expect(words?.paired).toBe(true);
    expect(words?.value).toBe(10);
    expect(words?.nReal).toBe(2);
    expect(words?.nSimulated).toBe(2);
  });
});
