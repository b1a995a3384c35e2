import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import type { KernelArena } from './kernels/resampling-kernels.js';
import { randomIndex, seededStreamOf } from './seeded-random.js';

/**
 * A two-sample statistic evaluated on a resample. A resample is given as multiplicities: weightsA[i]
 * is how many times unit i of sample A was drawn (0, 1, 2, …). The arrays are reused between calls,
 * so a statistic must not keep them. Return null when the statistic is undefined for that resample.
 */
export type ResampledStatistic = (weightsA: Uint32Array, weightsB: Uint32Array) => number | null;

export interface BootstrapIntervalOptions {
  /** Number of units (dialogues, or pairs when paired) in sample A. */
  sizeA: number;
  /** Number of units in sample B; must equal sizeA when paired. */
  sizeB: number;
  statistic: ResampledStatistic;
  /** Seeded uniform [0, 1) generator (createSeededRandom). */
  random: () => number;
  /** Number of resamples; default 1000. */
  resamples?: number;
  /**
   * false: A and B are resampled independently (n_A draws from A, then n_B draws from B).
   * true: unit i of A and unit i of B form a pair; pair indices are resampled and both sides move
   * together (weightsA and weightsB are the same array).
   */
  paired?: boolean;
  /**
   * Paired only: the cluster (scenario) of each pair, numbered 0 … k−1. Clusters are drawn with
   * replacement (k draws) and every pair of a drawn cluster moves with it, so pairs that share a
   * scenario are never treated as independent. Undefined: pairs are drawn one by one.
   */
  clusters?: Uint32Array | undefined;
  /** Two-sided coverage; default 0.95. */
  confidenceLevel?: number;
  /**
   * Where the weight arrays live: with an arena and a createSeededRandom generator, each resample is
   * drawn by the arena's WebAssembly kernel (the same draws, faster), and statistics built on the same
   * arena aggregate them with its kernels.
   */
  arena?: KernelArena;
  /** Also return each statistic's value on every resample (BootstrapInterval.values). */
  keepValues?: boolean;
}

export interface BootstrapIntervalsOptions extends Omit<BootstrapIntervalOptions, 'statistic'> {
  /** Several statistics evaluated on the SAME resamples (e.g. every measure of one domain). */
  statistics: readonly ResampledStatistic[];
}

export interface BootstrapInterval {
  /** Lower percentile bound; null when no resample gave a value. */
  low: number | null;
  high: number | null;
  /** Resamples whose statistic was defined (not null, finite). */
  validResamples: number;
  /** With keepValues: the statistic on every resample, in resample order (NaN where undefined). */
  values?: Float64Array;
}

/**
 * Percentile bootstrap interval: draw `resamples` resamples with replacement, evaluate the statistic on
 * each, and take the (1−level)/2 and (1+level)/2 quantiles of the results (linear interpolation between
 * order statistics, "type 7"). Resamples where the statistic is null are left out.
 * Deterministic for a given `random` sequence: per resample, the n_A draws come before the n_B draws.
 */
export function bootstrapInterval(options: BootstrapIntervalOptions): BootstrapInterval {
  const { statistic, ...rest } = options;
  return bootstrapIntervals({ ...rest, statistics: [statistic] })[0] as BootstrapInterval;
}

/**
 * bootstrapInterval for several statistics over one pair of samples: each resample is drawn once and
 * every statistic is evaluated on it, so the random stream (and so every interval) depends only on the
 * seed and the sample sizes, not on which or how many statistics are asked for. This is also what
 * makes a report fast: drawing is paid once per resample instead of once per measure.
 */
export function bootstrapIntervals(options: BootstrapIntervalsOptions): BootstrapInterval[] {
  const { sizeA, sizeB, statistics, random } = options;
  const resamples = options.resamples ?? 1000;
  const paired = options.paired ?? false;
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RealsimError('USAGE', `bootstrapInterval: expected resamples to be an integer ≥ 1, found ${quoteForMessage(String(resamples))}`);
  }
  if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
    throw new RealsimError('USAGE', `bootstrapInterval: expected a confidence level in (0, 1), found ${quoteForMessage(String(confidenceLevel))}`);
  }
  if (paired && sizeA !== sizeB) {
    throw new RealsimError('INTERNAL', `bootstrapInterval: expected equal sizes when paired, found ${sizeA} and ${sizeB}`);
  }
  if (sizeA < 1 || sizeB < 1 || statistics.length === 0) {
    return statistics.map(() => ({ low: null, high: null, validResamples: 0 }));
  }

  const { arena } = options;
  const stream = arena === undefined ? undefined : seededStreamOf(random);
  const weightsA = stream === undefined || arena === undefined ? new Uint32Array(sizeA) : arena.uint32Array(sizeA);
  const weightsB = paired ? weightsA : stream === undefined || arena === undefined ? new Uint32Array(sizeB) : arena.uint32Array(sizeB);
  const draw = (weights: Uint32Array): void => {
    if (stream !== undefined && arena !== undefined) stream.state = arena.drawBootstrapWeights(weights, stream.state);
    else drawWithReplacement(weights, random);
  };
  const clusters = paired ? options.clusters : undefined;
  if (clusters !== undefined && clusters.length !== sizeA) {
    throw new RealsimError('INTERNAL', `bootstrapInterval: expected one cluster per pair (${sizeA}), found ${clusters.length}`);
  }
  const clusterCount = clusters === undefined ? 0 : clusters.reduce((most, cluster) => Math.max(most, cluster + 1), 0);
  const clusterWeights = clusters === undefined ? undefined : stream === undefined || arena === undefined ? new Uint32Array(clusterCount) : arena.uint32Array(clusterCount);
  const drawA = (): void => {
    if (clusters === undefined || clusterWeights === undefined) {
      draw(weightsA);
      return;
    }
    draw(clusterWeights);
    for (let unit = 0; unit < sizeA; unit += 1) weightsA[unit] = clusterWeights[clusters[unit] as number] as number;
  };
  const results = statistics.map(() => new Float64Array(resamples));
  const validCounts = new Array<number>(statistics.length).fill(0);
  const kept = options.keepValues === true ? statistics.map(() => new Float64Array(resamples).fill(Number.NaN)) : undefined;
  for (let resample = 0; resample < resamples; resample += 1) {
    drawA();
    if (!paired) draw(weightsB);
    statistics.forEach((statistic, index) => {
      const value = statistic(weightsA, weightsB);
      if (value !== null && Number.isFinite(value)) {
        (results[index] as Float64Array)[validCounts[index] as number] = value;
        validCounts[index] = (validCounts[index] as number) + 1;
        if (kept !== undefined) (kept[index] as Float64Array)[resample] = value;
      }
    });
  }
  const tail = (1 - confidenceLevel) / 2;
  return results.map((values, index) => {
    const validResamples = validCounts[index] as number;
    const keptValues = kept === undefined ? {} : { values: kept[index] as Float64Array };
    if (validResamples === 0) return { low: null, high: null, validResamples, ...keptValues };
    const sorted = values.subarray(0, validResamples).sort();
    return { low: sortedQuantile(sorted, tail), high: sortedQuantile(sorted, 1 - tail), validResamples, ...keptValues };
  });
}

/** Multiplicities of n draws with replacement among the n units of `weights` (overwritten). */
export function drawWithReplacement(weights: Uint32Array, random: () => number): void {
  weights.fill(0);
  for (let draw = 0; draw < weights.length; draw += 1) {
    const drawn = randomIndex(random, weights.length);
    weights[drawn] = (weights[drawn] as number) + 1;
  }
}

/** Quantile of a sorted sample by linear interpolation between order statistics (R's type 7). */
export function sortedQuantile(sorted: ArrayLike<number>, probability: number): number {
  const position = (sorted.length - 1) * probability;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const lower = sorted[below] as number;
  const upper = sorted[above] as number;
  return lower + (position - below) * (upper - lower);
}
