import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MeasureDefinition } from '../../src/core/dimension.js';
import { buildMeasureSample } from '../../src/measure/measure-sample.js';
import type { MeasuredDialogue } from '../../src/measure/measured-set.js';
import type { GroupResamplingJob } from '../../src/measure/resample-groups.js';
import { createSeededRandom } from '../../src/measure/seeded-random.js';

// The worker thread runs compiled JavaScript: these tests use the build that `npm test` makes first.
const compiled = new URL('../../dist/src/measure/resample-groups.js', import.meta.url);

function dialogues(count: number, seed: number, shift: number): MeasuredDialogue[] {
  const random = createSeededRandom(seed);
  return Array.from({ length: count }, (_, index) => ({
    id: `d${index}`,
    domain: 'd',
    annotations: { length: { dialogueId: `d${index}`, numeric: { words: Math.round(random() * 40 + shift) }, categorical: {} } },
  }));
}

const words: MeasureDefinition = { id: 'words', scale: 'numeric', unit: 'words', description: 'words' };

function job(domain: string, sizeA: number, sizeB: number, shift: number): GroupResamplingJob {
  const real = buildMeasureSample(dialogues(sizeA, 1, 0), 'length', words);
  const simulated = buildMeasureSample(dialogues(sizeB, 2, shift), 'length', words);
  const pooled = buildMeasureSample([...dialogues(sizeA, 1, 0), ...dialogues(sizeB, 2, shift)], 'length', words);
  return { seed: 7, domain, sizeA, sizeB, paired: false, resamples: 200, permutations: 200, statistics: [{ real, simulated, pooled, tail: 'larger' }] };
}

describe.skipIf(!existsSync(compiled))('resampleGroups on two threads (compiled build)', () => {
  it('gives the same intervals and p-values as one thread, in job order', async () => {
    const { resampleGroups } = (await import(compiled.href)) as typeof import('../../src/measure/resample-groups.js');
    const jobs = [job('all', 300, 250, 3), job('a', 120, 100, 0), job('b', 90, 110, 10), job('c', 40, 60, 1)];
    const twoThreads = resampleGroups(jobs, 2);
    const oneThread = resampleGroups(jobs, 1);
    expect(twoThreads).toEqual(oneThread);
    // A shift of 10 words is far outside the noise: p at its floor 1/201; no shift: p well above 0.05.
    expect(oneThread[2]?.pValues[0]).toBeCloseTo(1 / 201, 12);
    expect(oneThread[1]?.pValues[0]).toBeGreaterThan(0.05);
    expect(oneThread[2]?.intervals[0]?.low).toBeGreaterThan(5);
  });

  it('reports an error raised on the worker thread as a RealsimError', async () => {
    const { resampleGroups } = (await import(compiled.href)) as typeof import('../../src/measure/resample-groups.js');
    const broken = job('b', 50, 50, 0);
    const categorical = buildMeasureSample(dialogues(50, 3, 0), 'length', {
      id: 'tags',
      scale: 'categorical',
      categories: ['x'],
      unitOfMass: 'tag',
      includesNone: false,
      description: 'tags',
    });
    // A numeric sample against a categorical one: createSampleDistance refuses it (on whichever thread).
    (broken.statistics[0] as { simulated: unknown }).simulated = categorical;
    expect(() => resampleGroups([job('all', 400, 400, 0), broken], 2)).toThrow(/resampling worker failed: createSampleDistance: expected samples of one scale/);
  });
});
