import { once } from 'node:events';
import { createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RealsimError } from '../../src/core/realsim-error.js';
import { loadDialogueSet } from '../../src/load/load-dialogue-set.js';

const MEBIBYTE = 1024 * 1024;
const file = join(tmpdir(), `realsim-huge-line-${process.pid}.jsonl`);

/** Writes one 200 MiB JSONL line (a user message of 200 MiB of "a"), 1 MiB at a time. */
async function writeHugeLine(): Promise<void> {
  const stream = createWriteStream(file);
  stream.write('{"id": "huge", "messages": [{"role": "user", "content": "');
  const block = Buffer.alloc(MEBIBYTE, 'a');
  for (let written = 0; written < 200; written += 1) {
    if (!stream.write(block)) await once(stream, 'drain');
  }
  stream.end('"}]}\n');
  await once(stream, 'finish');
}

describe('a 200 MiB single-line JSONL file', () => {
  afterAll(() => rmSync(file, { force: true }));

  it('is refused at the default 64 MiB line limit while streaming, with memory kept low', async () => {
    await writeHugeLine();
    expect(statSync(file).size).toBeGreaterThan(200 * MEBIBYTE);
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    let error: unknown;
    try {
      await loadDialogueSet([file], { name: 'real', kind: 'real' });
    } catch (thrown) {
      error = thrown;
    } finally {
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    expect(error).toBeInstanceOf(RealsimError);
    expect((error as RealsimError).code).toBe('INPUT_TOO_LARGE');
    expect((error as RealsimError).message).toBe(
      `${file} line 1: expected a line of at most 64 MiB, found a longer line (store such records in a .json array file, which may hold up to 512 MiB)`,
    );
    // Reading stops just past 64 MiB: the pending line plus one 1 MiB chunk. Holding the whole line
    // (200 MiB as bytes, twice that as a string) would pass 200 MiB; allow 150 MiB of growth.
    expect((peak - baseline) / MEBIBYTE).toBeLessThan(150);
  });

  it('leaves no file behind', () => {
    rmSync(file, { force: true });
    expect(existsSync(file)).toBe(false);
  });
});
