import { describe, expect, it } from 'vitest';
import { runEachWithConcurrency } from '../../src/llm/run-each-with-concurrency.js';

describe('runEachWithConcurrency', () => {
  it('starts every item once, at most `concurrency` at a time', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await runEachWithConcurrency([10, 11, 12, 13, 14], 2, async (item, index) => {
      running += 1;
      most = Math.max(most, running);
      await Promise.resolve();
      seen.push(item - 10 === index ? item : -1);
      running -= 1;
    });
    expect(seen.sort()).toEqual([10, 11, 12, 13, 14]);
    expect(most).toBe(2);
  });

  it('starts nothing after the first failure, lets running actions see it, and throws that first failure', async () => {
    const started: number[] = [];
    let sawFailure = false;
    const run = runEachWithConcurrency([0, 1, 2, 3, 4, 5], 2, async (item, _index, failed) => {
      started.push(item);
      if (item === 0) throw new Error('first');
      await Promise.resolve();
      await Promise.resolve();
      if (failed()) sawFailure = true;
      if (item === 1) throw new Error('second');
    });
    await expect(run).rejects.toThrow('first');
    expect(started).toEqual([0, 1]);
    expect(sawFailure).toBe(true);
  });
});
