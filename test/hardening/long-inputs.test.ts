import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate, listDimensionIds } from '../../src/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'realsim-long-inputs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const line = (id: string, user: string[]): string =>
  `${JSON.stringify({ id, messages: user.flatMap((text) => [{ role: 'user', content: text }, { role: 'assistant', content: 'Here is an answer.' }]) })}\n`;

describe('#20 item 3: one huge token goes through every default dimension', () => {
  it('a 2 MB run of letters in one message gives a report with every dimension (it overflowed the stack or never ended)', async () => {
    const real = join(scratch, 'real.jsonl');
    writeFileSync(
      real,
      line('huge', [`please look at this ${'a'.repeat(2 * 1024 * 1024)} and tell me what is wrong`, 'I am a teacher and I still do not get it, sorry']) +
        line('plain-1', ['how do I bake bread at home?', 'thanks, that worked great']) +
        line('plain-2', ['write me a short poem about the sea', 'make it shorter please']),
    );
    const simulated = join(scratch, 'simulated.jsonl');
    writeFileSync(simulated, line('s1', ['Could you kindly explain how to bake bread?']) + line('s2', ['Please write a poem about the ocean.']) + line('s3', ['I would love a recipe.']));
    const { report } = await evaluate({ real: [real], simulated: [{ name: 'sim', paths: [simulated] }], noiseFloorSplits: 3 });
    const dimensionsWithRows = new Set(report.distances.map((row) => row.dimension));
    expect([...dimensionsWithRows].sort()).toEqual(listDimensionIds().sort());
    const words = report.distances.find((row) => row.dimension === 'length' && row.measure === 'user_words' && row.domain === 'all');
    expect(words?.value).toBeGreaterThan(0);
  }, 240_000);
});
