import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { RealsimError } from '../core/realsim-error.js';
import { bootstrapIntervals, type BootstrapInterval } from './bootstrap-interval.js';
import { deriveSeed } from './derive-seed.js';
import { KernelArena } from './kernels/resampling-kernels.js';
import type { MeasureSample } from './measure-sample.js';
import { createMembershipDistance } from './membership-distance.js';
import { permutationPValues, type PermutationTail } from './permutation-p-value.js';
import { createSampleDistance, profileLength } from './sample-distance.js';
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
  /** One entry per measure with a value: its real, simulated and pooled (real then simulated) samples. */
  statistics: Array<{ real: MeasureSample; simulated: MeasureSample; pooled: MeasureSample; tail: PermutationTail }>;
  /** Also keep each side's domain profile on every bootstrap resample (for correlateAcrossDomains). */
  keepProfiles?: boolean;
}

export interface GroupResamplingResult {
  intervals: BootstrapInterval[];
  pValues: Array<number | null>;
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

/**
 * Resamples one group: every measure on the same resamples and relabellings, drawn from streams seeded by
 * (seed, "bootstrap" | "permutation", domain) alone, with the group's arrays in one KernelArena.
 */
export function resampleGroup(job: GroupResamplingJob): GroupResamplingResult {
  const arena = new KernelArena();
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
    arena,
  });
  const permutations = permutationPValues({
    sizeA: job.sizeA,
    sizeB: job.sizeB,
    statistics: job.statistics.map((statistic) => createMembershipDistance(statistic.pooled, arena)),
    tails: job.statistics.map((statistic) => statistic.tail),
    random: createSeededRandom(deriveSeed(job.seed, 'permutation', job.domain)),
    permutations: job.permutations,
    paired: job.paired,
    arena,
  });
  const result: GroupResamplingResult = { intervals, pValues: permutations.map((entry) => entry.pValue) };
  if (job.keepProfiles === true) result.profiles = profiles.map((kept) => (kept === null ? null : { real: kept.real, simulated: kept.simulated }));
  return result;
}

/** Below this many resampled units in all jobs together, a second thread costs more than it saves. */
const UNITS_WORTH_A_THREAD = 20_000;

const workerFile = new URL('./resampling-worker.js', import.meta.url);

/**
 * resampleGroup for every job, on two threads when the work is large, the machine has a second core and
 * the compiled worker script is present (it is absent when the TypeScript sources run directly, as in the
 * unit tests). The jobs are taken largest first, one at a time, from a counter shared by this thread and
 * a worker thread, so neither waits while the other still has jobs ahead (a domain group costs more per
 * dialogue than "all": its supports are not shared); this thread takes the largest before the worker
 * starts, so only the other jobs are copied to the worker. Results come back in job order. Each job's
 * streams depend only on its seed and domain, so the results do not depend on which thread ran it.
 * `threads` overrides the choice (1 or 2). `alongside` is other work for this thread, run once, while the
 * worker starts on the queue (on one thread: before the jobs).
 */
export function resampleGroups(jobs: readonly GroupResamplingJob[], threads?: number, alongside?: () => void): GroupResamplingResult[] {
  const units = jobs.reduce((total, job) => total + job.sizeA + job.sizeB, 0);
  const useWorker =
    jobs.length > 1 && existsSync(fileURLToPath(workerFile)) && (threads === undefined ? units >= UNITS_WORTH_A_THREAD && availableParallelism() > 1 : threads > 1);
  if (!useWorker) {
    alongside?.();
    return jobs.map(resampleGroup);
  }

  const cost = (job: GroupResamplingJob): number => (job.sizeA + job.sizeB) * job.statistics.length;
  const order = jobs.map((_, index) => index).sort((a, b) => cost(jobs[b] as GroupResamplingJob) - cost(jobs[a] as GroupResamplingJob) || a - b);
  // claims[0]: the next position in `order` to take (position 0 is this thread's); claims[1]: the worker is done.
  const claims = new Int32Array(new SharedArrayBuffer(8));
  Atomics.store(claims, 0, 1);
  const { port1, port2 } = new MessageChannel();
  const results = new Array<GroupResamplingResult>(jobs.length);
  const worker = new Worker(workerFile, {
    workerData: { jobs: order.slice(1).map((index) => jobs[index]), claims, port: port2 },
    transferList: [port2],
  });
  try {
    // Other work of this thread runs while the worker starts on the queue; then this thread joins it.
    alongside?.();
    results[order[0] as number] = resampleGroup(jobs[order[0] as number] as GroupResamplingJob);
    for (let position = Atomics.add(claims, 0, 1); position < order.length; position = Atomics.add(claims, 0, 1)) {
      const index = order[position] as number;
      results[index] = resampleGroup(jobs[index] as GroupResamplingJob);
    }
    // The worker posts each result (or its error) as it finishes a job and then flips claims[1].
    while (Atomics.wait(claims, 1, 0, 60_000) === 'timed-out') {
      // A worker that has not finished after a minute is still working on a very large report: go on waiting.
    }
    for (let message = receiveMessageOnPort(port1); message !== undefined; message = receiveMessageOnPort(port1)) {
      const posted = message.message as { position?: number; result?: GroupResamplingResult; error?: string };
      if (posted.error !== undefined) throw new RealsimError('INTERNAL', `resampling worker failed: ${posted.error}`);
      results[order[posted.position as number] as number] = posted.result as GroupResamplingResult;
    }
    if (results.some((result) => result === undefined) || results.length !== jobs.length) {
      throw new RealsimError('INTERNAL', 'resampling worker failed: a result did not come back');
    }
    return results;
  } finally {
    port1.close();
    void worker.terminate();
  }
}
