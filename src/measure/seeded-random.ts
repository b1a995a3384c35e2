import { RealsimError, quoteForMessage } from '../core/realsim-error.js';

/**
 * A seeded pseudo-random generator, uniform in [0, 1).
 *
 * The formula is mulberry32 (one 32-bit state word, advanced by the odd constant 0x6d2b79f5 and mixed
 * with two multiply-xorshift rounds). It is small, fast and statistically adequate for bootstrap
 * resampling; it is not cryptographic. Same seed → same sequence on every platform, because every step
 * is 32-bit integer arithmetic (Math.imul, >>>).
 *
 * The seed must be a safe integer; it is reduced modulo 2^32.
 */
export function createSeededRandom(seed: number): SeededRandom {
  if (!Number.isSafeInteger(seed)) {
    throw new RealsimError('USAGE', `createSeededRandom: expected an integer seed, found ${quoteForMessage(String(seed))}`);
  }
  const stream = { state: Number(BigInt.asUintN(32, BigInt(seed))) | 0 };
  const nextRandom = (): number => {
    const state = (stream.state + 0x6d2b79f5) | 0;
    stream.state = state;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
  return Object.assign(nextRandom, { stream });
}

/**
 * A createSeededRandom generator. `stream.state` is its 32-bit state (a signed 32-bit integer), which the
 * WebAssembly resampling kernels advance by the same mulberry32 steps (see KernelArena), so a stream
 * can go on in a kernel and come back to JavaScript without changing a single draw.
 */
export interface SeededRandom {
  (): number;
  readonly stream: { state: number };
}

/** The generator's state when `random` is a createSeededRandom generator, else undefined. */
export function seededStreamOf(random: () => number): { state: number } | undefined {
  const stream = (random as Partial<SeededRandom>).stream;
  return stream !== undefined && typeof stream.state === 'number' ? stream : undefined;
}

/** A uniform integer in [0, count) drawn from `random` (which must return values in [0, 1)). */
export function randomIndex(random: () => number, count: number): number {
  return Math.floor(random() * count);
}
