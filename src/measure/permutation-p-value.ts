import { RealsimError, quoteForMessage } from '../core/realsim-error.js';
import type { KernelArena } from './kernels/resampling-kernels.js';
import { randomIndex, seededStreamOf } from './seeded-random.js';

/**
 * A two-sample statistic over a POOLED list of units (the sizeA units of sample A first, then the sizeB
 * units of sample B), evaluated for one assignment of the units to the two groups: inA[i] = 1 when pooled
 * unit i is in group A, 0 when it is in group B (every unit is in exactly one group, so a statistic can
 * add up group A alone and get group B as "all minus A"). The array is reused between calls.
 * Return null when the statistic is undefined for that assignment.
 */
export type MembershipStatistic = (inA: Uint8Array) => number | null;

/** Which tail is "at least as extreme": larger values for distances, smaller ones for similarities. */
export type PermutationTail = 'larger' | 'smaller';

export interface PermutationPValuesOptions {
  /** Units (dialogues, or pairs when paired) in sample A; pooled indices 0 … sizeA−1. */
  sizeA: number;
  /** Units in sample B; pooled indices sizeA … sizeA+sizeB−1. Must equal sizeA when paired. */
  sizeB: number;
  /** Several statistics evaluated on the SAME permutations (e.g. every measure of one domain). */
  statistics: readonly MembershipStatistic[];
  /** One tail per statistic. */
  tails: readonly PermutationTail[];
  /** Seeded uniform [0, 1) generator (createSeededRandom). */
  random: () => number;
  /** Number of random permutations; default 1000. */
  permutations?: number;
  /**
   * false: sizeA of the pooled units, drawn uniformly without replacement (a partial Fisher–Yates
   * shuffle), go to A; the rest to B.
   * true: unit i of A and unit i of B form a pair (pooled i and sizeA+i); each pair's two members swap
   * groups with probability ½, independently (the paired, sign-flip style permutation).
   */
  paired?: boolean;
  /**
   * With an arena and a createSeededRandom generator, relabellings are drawn by the arena's WebAssembly
   * kernels (the same draws, faster) into an array that statistics built on the arena read with theirs.
   */
  arena?: KernelArena;
}

export interface PermutationResult {
  /** The statistic for the observed assignment (A = first sizeA pooled units); null when undefined. */
  observed: number | null;
  /**
   * (1 + permutations at least as extreme as observed) / (1 + valid permutations): never 0, and exact
   * (valid) under the null hypothesis that the group labels are exchangeable. null when observed is null.
   */
  pValue: number | null;
  /** Permutations whose statistic was defined. */
  validPermutations: number;
  /**
   * The statistic under every valid relabelling, ascending: the null distribution of the statistic at these
   * sample sizes (two samples of these sizes from the pooled population). Empty when observed is null.
   */
  nullValues: Float64Array;
}

/**
 * Monte-Carlo permutation test: how often does a random relabelling of the units give a statistic at
 * least as extreme as the observed one? Ties count as "at least as extreme" (a relative tolerance of
 * 1e−12 absorbs floating-point summation noise), which keeps the test conservative.
 * Deterministic for a given `random` sequence; the stream does not depend on the statistics.
 */
export function permutationPValues(options: PermutationPValuesOptions): PermutationResult[] {
  const { sizeA, sizeB, statistics, tails, random } = options;
  const permutations = options.permutations ?? 1000;
  const paired = options.paired ?? false;
  if (!Number.isInteger(permutations) || permutations < 1) {
    throw new RealsimError('USAGE', `permutationPValues: expected permutations to be an integer ≥ 1, found ${quoteForMessage(String(permutations))}`);
  }
  if (paired && sizeA !== sizeB) {
    throw new RealsimError('INTERNAL', `permutationPValues: expected equal sizes when paired, found ${sizeA} and ${sizeB}`);
  }
  if (tails.length !== statistics.length) {
    throw new RealsimError('INTERNAL', `permutationPValues: expected one tail per statistic, found ${tails.length} tails for ${statistics.length} statistics`);
  }
  const size = sizeA + sizeB;
  const { arena } = options;
  const stream = arena === undefined ? undefined : seededStreamOf(random);
  const kernels = stream === undefined ? undefined : arena;
  const inA = kernels?.uint8Array(size) ?? new Uint8Array(size);
  inA.fill(1, 0, sizeA);
  const observed = statistics.map((statistic) => finiteOrNull(statistic(inA)));
  const extremeCounts = new Array<number>(statistics.length).fill(0);
  const validCounts = new Array<number>(statistics.length).fill(0);
  const nullValues = statistics.map((_statistic, index) => new Float64Array(observed[index] === null ? 0 : permutations));
  const active = statistics.flatMap((_statistic, index) => (observed[index] === null ? [] : [index]));
  if (active.length === 0 || sizeA < 1 || sizeB < 1) {
    return statistics.map((_statistic, index) => ({ observed: observed[index] ?? null, pValue: null, validPermutations: 0, nullValues: new Float64Array(0) }));
  }

  // Pooled indices in an order that each unpaired permutation partially reshuffles: the first sizeA
  // positions are refilled by uniform draws from the positions not yet used, which gives a uniform
  // random sizeA-subset whatever order the previous permutation left behind.
  const order = kernels?.uint32Array(size) ?? new Uint32Array(size);
  for (let index = 0; index < size; index += 1) order[index] = index;
  for (let permutation = 0; permutation < permutations; permutation += 1) {
    if (kernels !== undefined && stream !== undefined) {
      stream.state = paired ? kernels.drawPairSwaps(inA, sizeA, stream.state) : kernels.drawPartialShuffle(order, inA, sizeA, stream.state);
    } else if (paired) {
      // Each pair's members swap groups with probability ½ (pooled pair ↔ sizeA + pair).
      for (let pair = 0; pair < sizeA; pair += 1) {
        const swap = random() < 0.5 ? 1 : 0;
        inA[pair] = 1 - swap;
        inA[sizeA + pair] = swap;
      }
    } else {
      inA.fill(0);
      for (let position = 0; position < sizeA; position += 1) {
        const swapWith = position + randomIndex(random, size - position);
        const drawn = order[swapWith] as number;
        order[swapWith] = order[position] as number;
        order[position] = drawn;
        inA[drawn] = 1;
      }
    }
    for (const index of active) {
      const value = finiteOrNull((statistics[index] as MembershipStatistic)(inA));
      if (value === null) continue;
      (nullValues[index] as Float64Array)[validCounts[index] as number] = value;
      validCounts[index] = (validCounts[index] as number) + 1;
      const reference = observed[index] as number;
      const tolerance = 1e-12 * Math.max(1, Math.abs(reference));
      const extreme = tails[index] === 'smaller' ? value <= reference + tolerance : value >= reference - tolerance;
      if (extreme) extremeCounts[index] = (extremeCounts[index] as number) + 1;
    }
  }
  return statistics.map((_statistic, index) => {
    const value = observed[index] ?? null;
    const valid = validCounts[index] as number;
    return {
      observed: value,
      pValue: value === null ? null : (1 + (extremeCounts[index] as number)) / (1 + valid),
      validPermutations: valid,
      nullValues: (nullValues[index] as Float64Array).slice(0, valid).sort(),
    };
  });
}

/** permutationPValues for one statistic. */
export function permutationPValue(
  options: Omit<PermutationPValuesOptions, 'statistics' | 'tails'> & { statistic: MembershipStatistic; tail?: PermutationTail },
): PermutationResult {
  const { statistic, tail, ...rest } = options;
  return permutationPValues({ ...rest, statistics: [statistic], tails: [tail ?? 'larger'] })[0] as PermutationResult;
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
