import { describe, expect, it, vi } from 'vitest';
import type { MeasureDefinition } from '../../src/core/dimension.js';
import { vectorsInArena, weightedVectorSum } from '../../src/measure/aggregate-sample.js';
import { bootstrapIntervals } from '../../src/measure/bootstrap-interval.js';
import { KernelArena } from '../../src/measure/kernels/resampling-kernels.js';
import { buildMeasureSample, type EmbeddingSample } from '../../src/measure/measure-sample.js';
import type { MeasuredDialogue } from '../../src/measure/measured-set.js';
import { createMembershipDistance } from '../../src/measure/membership-distance.js';
import { permutationPValues } from '../../src/measure/permutation-p-value.js';
import { createSampleDistance } from '../../src/measure/sample-distance.js';
import { createSeededRandom, randomIndex } from '../../src/measure/seeded-random.js';

const statements: MeasureDefinition = { id: 'statements', scale: 'embedding', unitOfMass: 'knowledge statement', description: 'test' };

/** Dialogues with 0–3 random float32-like vectors each (every 5th has none), the components shifted by `shift`. */
function dialoguesWithVectors(count: number, vectorLength: number, seed: number, shift: number): MeasuredDialogue[] {
  const random = createSeededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const vectors =
      index % 5 === 0
        ? []
        : Array.from({ length: 1 + randomIndex(random, 3) }, () =>
            Array.from({ length: vectorLength }, () => Math.fround(random() - 0.5 + shift)),
          );
    return {
      id: `d${index}`,
      domain: 'all',
      annotations: { knowledge: { dialogueId: `d${index}`, numeric: {}, categorical: {}, embeddings: { statements: vectors } } },
    };
  });
}

function embeddingSample(dialogues: MeasuredDialogue[]): EmbeddingSample {
  const sample = buildMeasureSample(dialogues, 'knowledge', statements);
  if (sample.scale !== 'embedding') throw new Error('expected an embedding sample');
  return sample;
}

describe('centroid sums on the resampling kernels', () => {
  it('adds up weighted and flagged vector rows to exactly the doubles of the JavaScript loops', () => {
    const sample = embeddingSample(dialoguesWithVectors(97, 24, 3, 0));
    const arena = new KernelArena();
    const vectors = vectorsInArena(sample, arena)!;
    const random = createSeededRandom(9);
    const weights = arena.uint32Array(sample.size);
    const flags = arena.uint8Array(sample.size);
    const intoKernel = arena.float64Array(sample.vectorLength);
    const intoJavaScript = new Float64Array(sample.vectorLength);
    for (let draw = 0; draw < 20; draw += 1) {
      random.stream.state = arena.drawBootstrapWeights(weights, random.stream.state);
      expect(arena.vectorSumByWeights(vectors, weights, intoKernel)).toBe(weightedVectorSum(sample, weights, intoJavaScript));
      expect([...intoKernel]).toEqual([...intoJavaScript]);
      for (let dialogue = 0; dialogue < sample.size; dialogue += 1) flags[dialogue] = randomIndex(random, 2);
      expect(arena.vectorSumByFlags(vectors, flags, intoKernel)).toBe(weightedVectorSum(sample, Uint32Array.from(flags), intoJavaScript));
      expect([...intoKernel]).toEqual([...intoJavaScript]);
    }
    // a resample that leaves out every dialogue with vectors adds up to zero vectors
    weights.fill(0);
    expect(arena.vectorSumByWeights(vectors, weights, intoKernel)).toBe(0);
    expect(intoKernel.every((value) => value === 0)).toBe(true);
  });

  it('gives the same centroid-cosine intervals and p-values with and without kernels, draw for draw', () => {
    const real = dialoguesWithVectors(60, 32, 1, 0.5);
    const simulated = dialoguesWithVectors(45, 32, 2, 0.6);
    const run = (arena: KernelArena | undefined) => {
      const statistics = [createSampleDistance(embeddingSample(real), embeddingSample(simulated), arena)];
      const pooled = [createMembershipDistance(embeddingSample([...real, ...simulated]), arena)];
      return {
        intervals: bootstrapIntervals({ sizeA: 60, sizeB: 45, statistics, random: createSeededRandom(11), resamples: 300, arena }),
        pValues: permutationPValues({ sizeA: 60, sizeB: 45, statistics: pooled, tails: ['smaller'], random: createSeededRandom(12), permutations: 300, arena }),
      };
    };
    const arena = new KernelArena();
    const weightedSums = vi.spyOn(arena, 'vectorSumByWeights');
    const flaggedSums = vi.spyOn(arena, 'vectorSumByFlags');
    const withKernels = run(arena);
    const withoutKernels = run(undefined);
    expect(withKernels).toEqual(withoutKernels);
    // every resample (both sides) and every permutation went through the kernels
    expect(weightedSums.mock.calls.length).toBeGreaterThanOrEqual(600);
    expect(flaggedSums.mock.calls.length).toBeGreaterThanOrEqual(300);
    expect(withKernels.intervals[0]?.validResamples).toBe(300);
    expect(withKernels.intervals[0]!.low).toBeGreaterThan(0.5);
    expect(withKernels.intervals[0]!.high).toBeLessThanOrEqual(1);
  });
});
