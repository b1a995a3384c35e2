import { describe, expect, it } from 'vitest';
import { createStderrProgress } from '../../src/cli/progress-reporter.js';

describe('progress off a terminal (#20 item 4: long work is never silent)', () => {
  it('writes a start line, one count line per 30 s of ticks and an end line', () => {
    const lines: string[] = [];
    let clock = 0;
    const progress = createStderrProgress({ isTTY: false, write: (text: string) => (lines.push(text), true) } as never, { now: () => clock });
    const task = progress.start('error (harper)', 100_000);
    for (let step = 1; step <= 100; step += 1) {
      clock += 1000; // one second per thousand items
      task.tick(1000);
    }
    task.done();
    const plain = lines.map((line) => line.replace(/\u001b\[\d+m/g, ''));
    expect(plain).toEqual([
      'realsim error (harper): 100000 items…\n',
      'realsim error (harper): 30000/100000 (30%) after 30.0s…\n',
      'realsim error (harper): 60000/100000 (60%) after 1m0s…\n',
      'realsim error (harper): 90000/100000 (90%) after 1m30s…\n',
      'realsim error (harper): 100000/100000 in 1m40s\n',
    ]);
  });
});
