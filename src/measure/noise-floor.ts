import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import type { KernelArena } from './kernels/resampling-kernels.js';
import { median } from './median.js';
import { randomIndex } from './seeded-random.js';

export interface NoiseFloorOptions {
  /** Number of real units (dialogues) to split. */
  size: number;
  /**
   * The same distance that is reported for real vs simulated, evaluated between two halves of the real
   * set. Halves are given as 0/1 membership weights over the real units (see ResampledStatistic).
   */
  distance: (weightsHalfA: Uint32Array, weightsHalfB: Uint32Array) => number | null;
  /** Seeded uniform [0, 1) generator. */
  random: () => number;
  /** Number of random splits; default 21 (odd, so the median is one observed split). */
  splits?: number;
  /**
   * Where the half weights live: distances built on the same arena (createSampleDistance with it) add
   * them up with its WebAssembly kernels; the values are the same.
   */
  arena?: KernelArena;
}

/**
 * Real-vs-real noise floor: the distance one gets between two samples of REAL users alone.
 * Each split shuffles the real units (Fisher–Yates, seeded) and takes the first ⌊n/2⌋ as half A and the
 * next ⌊n/2⌋ as half B (one unit is left out when n is odd, so halves have equal size). The floor is the
 * median distance over the splits (null splits left out; null when fewer than 2 units).
 *
 * Note: each half has n/2 units, so this is the floor for half-size samples. Distances such as W1 and
 * TVD shrink as samples grow, so the floor for two full-size samples is somewhat lower (≈ 1/√2 of it
 * for sampling noise that scales as 1/√n); a real-vs-simulated distance below this floor is not
 * distinguishable from sampling noise.
 */
export function noiseFloor(options: NoiseFloorOptions): number | null {
  const { distance, ...rest } = options;
  return noiseFloors({ ...rest, distances: [distance] })[0] ?? null;
}

export interface NoiseFloorsOptions extends Omit<NoiseFloorOptions, 'distance'> {
  /** Several distances evaluated on the SAME splits (e.g. every measure of one domain). */
  distances: ReadonlyArray<NoiseFloorOptions['distance']>;
}

/** noiseFloor for several distances over one set: each split is drawn once and used for all of them. */
export function noiseFloors(options: NoiseFloorsOptions): Array<number | null> {
  const { size, distances, random } = options;
  const splits = options.splits ?? 21;
  if (!Number.isInteger(splits) || splits < 1) {
    throw new RealsimError('USAGE', `noiseFloor: expected splits to be an integer ≥ 1, found ${quoteForMessage(String(splits))}`);
  }
  const halfSize = Math.floor(size / 2);
  if (halfSize < 1) return distances.map(() => null);
  const order = new Uint32Array(size);
  const halfA = options.arena?.uint32Array(size) ?? new Uint32Array(size);
  const halfB = options.arena?.uint32Array(size) ?? new Uint32Array(size);
  const observed: number[][] = distances.map(() => []);
  for (let split = 0; split < splits; split += 1) {
    for (let index = 0; index < size; index += 1) order[index] = index;
    for (let index = size - 1; index > 0; index -= 1) {
      const swapWith = randomIndex(random, index + 1);
      const kept = order[index] as number;
      order[index] = order[swapWith] as number;
      order[swapWith] = kept;
    }
    halfA.fill(0);
    halfB.fill(0);
    for (let position = 0; position < halfSize; position += 1) {
      halfA[order[position] as number] = 1;
      halfB[order[halfSize + position] as number] = 1;
    }
    distances.forEach((distance, index) => {
      const value = distance(halfA, halfB);
      if (value !== null && Number.isFinite(value)) (observed[index] as number[]).push(value);
    });
  }
  return observed.map((values) => median(values));
}
