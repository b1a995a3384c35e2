import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MeasureDefinition } from '../../src/core/dimension.js';
import { buildMeasureSample } from '../../src/measure/measure-sample.js';
import type { MeasuredDialogue } from '../../src/measure/measured-set.js';
import { resampleGroup, type GroupResamplingJob } from '../../src/measure/resample-groups.js';
import { drawWithReplacement } from '../../src/measure/bootstrap-interval.js';
import { weightedSampleMean } from '../../src/measure/aggregate-sample.js';
import { deriveSeed } from '../../src/measure/derive-seed.js';
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
  return { seed: 7, domain, sizeA, sizeB, paired: false, resamples: 200, permutations: 200, statistics: [{ real, simulated, tail: 'larger' }] };
}

describe.skipIf(!existsSync(compiled))('resampleGroups on several threads (compiled build)', () => {
  it('gives the same intervals and p-values on two threads as on one, in job order', async () => {
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

  it('shares the items among three workers and this thread with the same results as one thread', async () => {
    const { resampleGroups } = (await import(compiled.href)) as typeof import('../../src/measure/resample-groups.js');
    // Items of ≈ 0.1 s each and this thread busy at first, so every worker takes items and they finish at
    // different times (the results of all of them must be collected, not only of the first to finish).
    const jobs = ['all', 'a', 'b', 'c'].map((domain, index) => ({ ...job(domain, 20_000, 20_000, index), resamples: 300, permutations: 300 }));
    const busy = (): void => {
      const until = performance.now() + 150;
      while (performance.now() < until) {
        // this thread's other work
      }
    };
    const fourThreads = resampleGroups(jobs, 4, busy);
    expect(fourThreads).toEqual(resampleGroups(jobs, 1));
    expect(fourThreads[3]?.pValues[0]).toBeCloseTo(1 / 301, 12);
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
    // A numeric sample against a categorical one: its bootstrap item (createSampleDistance) and its
    // permutation item (concatMeasureSamples, pooling them) both refuse it. The items are taken from a shared
    // counter, so either may fail first, on the worker or here: either way the caller gets a RealsimError.
    (broken.statistics[0] as { simulated: unknown }).simulated = categorical;
    const large = { ...job('all', 20_000, 20_000, 0), resamples: 1000, permutations: 1000 };
    for (const threads of [2, 3]) {
      let caught: unknown;
      try {
        resampleGroups([large, broken], threads);
      } catch (error) {
        caught = error;
      }
      // The compiled module has its own RealsimError class: compare by name and code.
      expect(caught).toMatchObject({ name: 'RealsimError', code: 'INTERNAL' });
      expect((caught as Error).message).toMatch(/^(resampling worker failed: )?(createSampleDistance|concatMeasureSamples): expected samples of one scale, found numeric and categorical/);
    }
  });

  it('runs other work of this thread exactly once, on one thread and on two, without changing the results', async () => {
    const { resampleGroups } = (await import(compiled.href)) as typeof import('../../src/measure/resample-groups.js');
    const jobs = [job('all', 300, 250, 3), job('a', 120, 100, 0), job('b', 90, 110, 10)];
    const runs: number[] = [];
    const twoThreads = resampleGroups(jobs, 2, () => runs.push(2));
    const oneThread = resampleGroups(jobs, 1, () => runs.push(1));
    expect(runs).toEqual([2, 1]);
    expect(twoThreads).toEqual(oneThread);
    expect(twoThreads).toEqual(resampleGroups(jobs, 2));
  });

  it('keeps the same resampled profiles on two threads as on one', async () => {
    const { resampleGroups } = (await import(compiled.href)) as typeof import('../../src/measure/resample-groups.js');
    const jobs = [job('all', 300, 250, 3), job('a', 120, 100, 0), job('b', 90, 110, 10)].map((entry) => ({ ...entry, keepProfiles: true }));
    const twoThreads = resampleGroups(jobs, 2);
    expect(twoThreads).toEqual(resampleGroups(jobs, 1));
    expect(twoThreads[1]?.profiles?.[0]?.real.length).toBe(200);
  });
});

describe.skipIf(!existsSync(compiled))('resamplePendingGroups: jobs prepared while the worker resamples (compiled build)', () => {
  it('prepares each job once, largest first, and gives resampleGroups results in job order', async () => {
    const { resamplePendingGroups, resampleGroups } = (await import(compiled.href)) as typeof import('../../src/measure/resample-groups.js');
    const jobs = [job('a', 120, 100, 0), job('all', 300, 250, 3), job('b', 90, 110, 10), job('c', 40, 60, 1)];
    const prepared: string[] = [];
    const pending = jobs.map((entry) => ({
      units: entry.sizeA + entry.sizeB,
      prepare: () => {
        prepared.push(entry.domain);
        return entry;
      },
    }));
    const twoThreads = resamplePendingGroups(pending, 2);
    // sizes 220, 550, 200, 100 → prepared in the order all, a, b, c
    expect(prepared).toEqual(['all', 'a', 'b', 'c']);
    expect(twoThreads).toEqual(resampleGroups(jobs, 1));
    expect(twoThreads[2]?.pValues[0]).toBeCloseTo(1 / 201, 12);
  });

  it('gives the caller the error of a job that fails to prepare', async () => {
    const { resamplePendingGroups } = (await import(compiled.href)) as typeof import('../../src/measure/resample-groups.js');
    const pending = [
      { units: 40_000, prepare: () => ({ ...job('all', 20_000, 20_000, 0), resamples: 1000, permutations: 1000 }) },
      {
        units: 100,
        prepare: (): GroupResamplingJob => {
          throw new RangeError('the second group could not be prepared');
        },
      },
    ];
    // The workers may be waiting for the second job: they are told that none will come, and terminated.
    expect(() => resamplePendingGroups(pending, 2)).toThrow(RangeError);
    expect(() => resamplePendingGroups(pending, 2)).toThrow('the second group could not be prepared');
    expect(() => resamplePendingGroups(pending, 3)).toThrow('the second group could not be prepared');
  });
});

describe('resampleGroup with keepProfiles', () => {
  it('keeps each side\'s mean on every bootstrap resample, the resample the interval was computed on', () => {
    const entry = { ...job('x', 30, 20, 5), resamples: 50, keepProfiles: true };
    const result = resampleGroup(entry);
    const kept = result.profiles?.[0];
    if (kept === undefined || kept === null) throw new Error('expected profiles');
    // Replay the group's bootstrap stream: n_A draws, then n_B draws, per resample.
    const random = createSeededRandom(deriveSeed(7, 'bootstrap', 'x'));
    const statistic = entry.statistics[0]!;
    if (statistic.real.scale !== 'numeric' || statistic.simulated.scale !== 'numeric') throw new Error('expected numeric');
    const weightsA = new Uint32Array(30);
    const weightsB = new Uint32Array(20);
    for (let resample = 0; resample < 50; resample += 1) {
      drawWithReplacement(weightsA, random);
      drawWithReplacement(weightsB, random);
      expect(kept.real[resample]).toBeCloseTo(weightedSampleMean(statistic.real, weightsA) as number, 10);
      expect(kept.simulated[resample]).toBeCloseTo(weightedSampleMean(statistic.simulated, weightsB) as number, 10);
    }
    expect(resampleGroup({ ...entry, keepProfiles: false }).profiles).toBeUndefined();
  });

  it('keeps category shares in percent for a categorical measure', () => {
    const tags: MeasureDefinition = { id: 'tags', scale: 'categorical', categories: ['x', 'y'], unitOfMass: 'tag', includesNone: false, description: 'tags' };
    const tagged = (count: number, list: string[]): MeasuredDialogue[] =>
      Array.from({ length: count }, (_, index) => ({ id: `t${index}`, domain: 'd', annotations: { length: { dialogueId: `t${index}`, numeric: {}, categorical: { tags: list } } } }));
    // every real dialogue carries x once and y once (50% / 50% on any resample); every simulated one x, x, y
    const real = buildMeasureSample(tagged(12, ['x', 'y']), 'length', tags, ['x', 'y']);
    const simulated = buildMeasureSample(tagged(9, ['x', 'x', 'y']), 'length', tags, ['x', 'y']);
    const result = resampleGroup({ seed: 1, domain: 'd', sizeA: 12, sizeB: 9, paired: false, resamples: 20, permutations: 20, keepProfiles: true, statistics: [{ real, simulated, tail: 'larger' }] });
    const kept = result.profiles?.[0];
    if (kept === undefined || kept === null) throw new Error('expected profiles');
    expect(kept.real.length).toBe(40);
    for (let resample = 0; resample < 20; resample += 1) {
      expect([kept.real[2 * resample], kept.real[2 * resample + 1]]).toEqual([50, 50]);
      expect(kept.simulated[2 * resample]).toBeCloseTo(200 / 3, 12);
      expect(kept.simulated[2 * resample + 1]).toBeCloseTo(100 / 3, 12);
    }
  });
});
