import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { RealsimError } from '../core/realsim-error.js';
import { bootstrapIntervals, type BootstrapInterval } from './bootstrap-interval.js';
import { deriveSeed } from './derive-seed.js';
import { concatMeasureSamples } from './derive-measure-sample.js';
import { KernelArena } from './kernels/resampling-kernels.js';
import type { MeasureSample } from './measure-sample.js';
import { createMembershipDistance } from './membership-distance.js';
import { permutationPValues, type PermutationTail } from './permutation-p-value.js';
import { createSampleDistance, profileLength } from './sample-distance.js';
import { ABORTED, NEXT_ITEM, PREPARED, SLOTS, WORKERS_DONE } from './resampling-slots.js';
import { createSeededRandom } from './seeded-random.js';

/**
 * The bootstrap intervals and permutation p-values of one comparison group (a domain, or "all"): plain
 * data (samples are typed arrays), so a group can be resampled on a worker thread with the same result.
 */
export interface GroupResamplingJob {
  seed: number;
  domain: string;
  sizeA: number;
  sizeB: number;
  paired: boolean;
  resamples: number;
  permutations: number;
  /**
   * One entry per measure with a value: its real and simulated samples (the permutations pool them, real
   * then simulated, where they run: so the pooled arrays are never copied to the worker).
   */
  statistics: Array<{ real: MeasureSample; simulated: MeasureSample; tail: PermutationTail }>;
  /** Paired: the scenario (cluster) of each pair when some scenario holds several pairs; the bootstrap then draws scenarios. */
  clusters?: Uint32Array;
  /** Also keep each side's domain profile on every bootstrap resample (for correlateAcrossDomains). */
  keepProfiles?: boolean;
  /** Also keep each statistic's value on every bootstrap resample (intervals[i].values; for the leaderboard). */
  keepValues?: boolean;
}

export interface GroupResamplingResult {
  intervals: BootstrapInterval[];
  pValues: Array<number | null>;
  /** Per statistic its permutation null distribution, ascending (PermutationResult.nullValues). */
  nullDistributions: Float64Array[];
  /**
   * With keepProfiles, per statistic: each side's profile (SideProfiles) on every resample, resample after
   * resample (resamples × profile length values; NaN where a side had no data); null for embeddings.
   */
  profiles?: Array<ResampledProfiles | null>;
}

export interface ResampledProfiles {
  real: Float64Array;
  simulated: Float64Array;
}

/** The two halves of a group's work: its bootstrap intervals (and profiles) and its permutation p-values. */
export type ResamplingPart = 'bootstrap' | 'permutation';

/**
 * Resamples one group: every measure on the same resamples and relabellings, drawn from streams seeded by
 * (seed, "bootstrap" | "permutation", domain) alone.
 */
export function resampleGroup(job: GroupResamplingJob): GroupResamplingResult {
  return { ...resampleGroupPart(job, 'bootstrap'), ...resampleGroupPart(job, 'permutation') } as GroupResamplingResult;
}

/**
 * One part of resampleGroup, with its arrays in a KernelArena of its own: the bootstrap part gives
 * `intervals` (and `profiles` with keepProfiles), the permutation part `pValues`. The two parts draw from
 * streams of their own, so they may run on different threads and still give resampleGroup's result.
 */
export function resampleGroupPart(job: GroupResamplingJob, part: ResamplingPart): Partial<GroupResamplingResult> {
  const arena = new KernelArena();
  if (part === 'permutation') {
    const permutations = permutationPValues({
      sizeA: job.sizeA,
      sizeB: job.sizeB,
      statistics: job.statistics.map((statistic) => createMembershipDistance(concatMeasureSamples(statistic.real, statistic.simulated), arena)),
      tails: job.statistics.map((statistic) => statistic.tail),
      random: createSeededRandom(deriveSeed(job.seed, 'permutation', job.domain)),
      permutations: job.permutations,
      paired: job.paired,
      arena,
    });
    return { pValues: permutations.map((entry) => entry.pValue), nullDistributions: permutations.map((entry) => entry.nullValues) };
  }
  const profiles = job.statistics.map((statistic) => {
    const length = job.keepProfiles === true ? profileLength(statistic.real) : 0;
    const unset = (): Float64Array => new Float64Array(job.resamples * length).fill(Number.NaN);
    return length === 0 ? null : { length, real: unset(), simulated: unset() };
  });
  const statistics = job.statistics.map((statistic, index) => {
    const kept = profiles[index];
    if (kept === null || kept === undefined) return createSampleDistance(statistic.real, statistic.simulated, arena);
    // The distance writes both profiles of the resample it evaluates; they are copied out row by row
    // (bootstrapIntervals calls every statistic once per resample, in resample order).
    const current = { a: new Float64Array(kept.length), b: new Float64Array(kept.length) };
    const distance = createSampleDistance(statistic.real, statistic.simulated, arena, current);
    let resample = 0;
    return (weightsA: Uint32Array, weightsB: Uint32Array): number | null => {
      const value = distance(weightsA, weightsB);
      kept.real.set(current.a, resample * kept.length);
      kept.simulated.set(current.b, resample * kept.length);
      resample += 1;
      return value;
    };
  });
  const intervals = bootstrapIntervals({
    sizeA: job.sizeA,
    sizeB: job.sizeB,
    statistics,
    random: createSeededRandom(deriveSeed(job.seed, 'bootstrap', job.domain)),
    resamples: job.resamples,
    paired: job.paired,
    clusters: job.clusters,
    arena,
    keepValues: job.keepValues === true,
  });
  if (job.keepProfiles !== true) return { intervals };
  return { intervals, profiles: profiles.map((kept) => (kept === null ? null : { real: kept.real, simulated: kept.simulated })) };
}

/** Below this many resampled units in all jobs together, a second thread costs more than it saves. */
const UNITS_WORTH_A_THREAD = 20_000;
/** Most threads (this one and its workers) a report resamples on: each worker also receives every job. */
export const MOST_RESAMPLING_THREADS = 8;

const workerFile = new URL('./resampling-worker.js', import.meta.url);

/** A group job not yet prepared: its size (dialogues on both sides) and the function that prepares it. */
export interface PendingGroupJob {
  units: number;
  prepare: () => GroupResamplingJob;
}

/**
 * resampleGroup for every job, on several threads when the work is large, the machine has more than one core
 * and the compiled worker script is present (it is absent when the TypeScript sources run directly, as in the
 * unit tests). See resamplePendingGroups. Results come back in job order.
 */
export function resampleGroups(jobs: readonly GroupResamplingJob[], threads?: number, alongside?: () => void): GroupResamplingResult[] {
  return resamplePendingGroups(
    jobs.map((job) => ({ units: job.sizeA + job.sizeB, prepare: () => job })),
    threads,
    alongside,
  );
}

/**
 * Prepares and resamples every job, on several threads when the work is large (see resampleGroups): this one
 * and one worker thread per further core, up to MOST_RESAMPLING_THREADS in all. The jobs are prepared on this
 * thread, largest first, and each is handed to every worker as soon as it is prepared, so the workers resample
 * while this thread prepares the rest. Each job is two work items (its bootstrap and its permutations,
 * resampleGroupPart), taken one at a time from a counter shared by all threads: the workers start on the
 * largest items while this thread runs `alongside` (other work for this thread, run once, after the
 * preparation; on one thread: before the jobs) and then joins in, so no thread waits while another still has
 * items ahead. Each part's streams depend only on the job's seed and domain, so the results do not depend on
 * which thread ran it, nor on how many threads there were. `threads` overrides the choice (1 = no worker).
 */
export function resamplePendingGroups(pending: readonly PendingGroupJob[], threads?: number, alongside?: () => void): GroupResamplingResult[] {
  const units = pending.reduce((total, job) => total + job.units, 0);
  const threadCount = threads ?? (units >= UNITS_WORTH_A_THREAD ? Math.min(availableParallelism(), MOST_RESAMPLING_THREADS) : 1);
  if (pending.length === 0 || !existsSync(fileURLToPath(workerFile)) || threadCount <= 1) {
    const jobs = pending.map((job) => job.prepare());
    alongside?.();
    return jobs.map(resampleGroup);
  }

  // Largest first (stable): work item 2k is the bootstrap of the k-th job in this order, 2k + 1 its permutations.
  const order = pending.map((_, index) => index).sort((a, b) => (pending[b] as PendingGroupJob).units - (pending[a] as PendingGroupJob).units || a - b);
  const items = order.length * 2;
  const claims = new Int32Array(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT));
  const workers = Array.from({ length: threadCount - 1 }, () => {
    const { port1, port2 } = new MessageChannel();
    return { port: port1, thread: new Worker(workerFile, { workerData: { items, claims, port: port2 }, transferList: [port2] }) };
  });
  const prepared: GroupResamplingJob[] = [];
  const parts: Array<Partial<GroupResamplingResult>> = new Array(items);
  try {
    for (const index of order) {
      const job = (pending[index] as PendingGroupJob).prepare();
      for (const { port } of workers) port.postMessage({ position: prepared.length, job });
      prepared.push(job);
      Atomics.store(claims, PREPARED, prepared.length);
      Atomics.notify(claims, PREPARED);
    }
    // Other work of this thread runs while the workers resample; then this thread takes items too.
    alongside?.();
    for (let item = Atomics.add(claims, NEXT_ITEM, 1); item < items; item = Atomics.add(claims, NEXT_ITEM, 1)) {
      parts[item] = resampleGroupPart(prepared[item >> 1] as GroupResamplingJob, item % 2 === 0 ? 'bootstrap' : 'permutation');
    }
    // A worker posts each result (or its error) as it finishes an item and then counts itself in WORKERS_DONE.
    for (let done = Atomics.load(claims, WORKERS_DONE); done < workers.length; done = Atomics.load(claims, WORKERS_DONE)) {
      // A worker that has not finished after a minute is still working on a very large report: go on waiting.
      Atomics.wait(claims, WORKERS_DONE, done, 60_000);
    }
    for (const { port } of workers) {
      for (let message = receiveMessageOnPort(port); message !== undefined; message = receiveMessageOnPort(port)) {
        const posted = message.message as { item?: number; result?: Partial<GroupResamplingResult>; error?: string };
        if (posted.error !== undefined) throw new RealsimError('INTERNAL', `resampling worker failed: ${posted.error}`);
        parts[posted.item as number] = posted.result as Partial<GroupResamplingResult>;
      }
    }
    const results = new Array<GroupResamplingResult>(pending.length);
    order.forEach((index, position) => {
      const bootstrap = parts[2 * position];
      const permutation = parts[2 * position + 1];
      if (bootstrap === undefined || permutation === undefined) throw new RealsimError('INTERNAL', 'resampling worker failed: a result did not come back');
      results[index] = { ...bootstrap, ...permutation } as GroupResamplingResult;
    });
    return results;
  } finally {
    // A worker still waiting for a job that will not come (this thread failed while preparing) stops.
    if (Atomics.load(claims, PREPARED) < order.length) {
      Atomics.store(claims, PREPARED, ABORTED);
      Atomics.notify(claims, PREPARED);
    }
    for (const { port, thread } of workers) {
      port.close();
      void thread.terminate();
    }
  }
}
