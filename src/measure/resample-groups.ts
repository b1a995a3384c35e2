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
import { createSampleDistance } from './sample-distance.js';
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
}

export interface GroupResamplingResult {
  intervals: BootstrapInterval[];
  pValues: Array<number | null>;
}

/**
 * Resamples one group: every measure on the same resamples and relabellings, drawn from streams seeded by
 * (seed, "bootstrap" | "permutation", domain) alone, with the group's arrays in one KernelArena.
 */
export function resampleGroup(job: GroupResamplingJob): GroupResamplingResult {
  const arena = new KernelArena();
  const intervals = bootstrapIntervals({
    sizeA: job.sizeA,
    sizeB: job.sizeB,
    statistics: job.statistics.map((statistic) => createSampleDistance(statistic.real, statistic.simulated, arena)),
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
  return { intervals, pValues: permutations.map((result) => result.pValue) };
}

/** Below this many resampled units in all jobs together, a second thread costs more than it saves. */
const UNITS_WORTH_A_THREAD = 20_000;

const workerFile = new URL('./resampling-worker.js', import.meta.url);

/**
 * resampleGroup for every job, on two threads when the work is large, the machine has a second core and
 * the compiled worker script is present (it is absent when the TypeScript sources run directly, as in the
 * unit tests): the jobs are split into two bins of about equal size (largest first), one resampled here
 * and one on a worker thread, and the results come back in job order. Each job's streams depend only on
 * its seed and domain, so the results do not depend on the split. `threads` overrides the choice (1 or 2).
 */
export function resampleGroups(jobs: readonly GroupResamplingJob[], threads?: number): GroupResamplingResult[] {
  const units = jobs.reduce((total, job) => total + job.sizeA + job.sizeB, 0);
  const useWorker =
    jobs.length > 1 && existsSync(fileURLToPath(workerFile)) && (threads === undefined ? units >= UNITS_WORTH_A_THREAD && availableParallelism() > 1 : threads > 1);
  if (!useWorker) return jobs.map(resampleGroup);

  const cost = (job: GroupResamplingJob): number => (job.sizeA + job.sizeB) * job.statistics.length;
  const order = jobs.map((_, index) => index).sort((a, b) => cost(jobs[b] as GroupResamplingJob) - cost(jobs[a] as GroupResamplingJob) || a - b);
  const here: number[] = [];
  const there: number[] = [];
  let hereCost = 0;
  let thereCost = 0;
  for (const index of order) {
    // The worker starts later (≈ 50 ms), so ties go here.
    if (hereCost <= thereCost) {
      here.push(index);
      hereCost += cost(jobs[index] as GroupResamplingJob);
    } else {
      there.push(index);
      thereCost += cost(jobs[index] as GroupResamplingJob);
    }
  }
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(workerFile, {
    workerData: { jobs: there.map((index) => jobs[index]), done, port: port2 },
    transferList: [port2],
  });
  const results = new Array<GroupResamplingResult>(jobs.length);
  try {
    for (const index of here) results[index] = resampleGroup(jobs[index] as GroupResamplingJob);
    // The worker posts its results (or its error) and then flips `done`; wait for the flip, then read.
    while (Atomics.wait(done, 0, 0, 60_000) === 'timed-out') {
      // A worker that has not finished after a minute is still working on a very large report: go on waiting.
    }
    const message = receiveMessageOnPort(port1)?.message as { results?: GroupResamplingResult[]; error?: string } | undefined;
    if (message?.results === undefined) {
      throw new RealsimError('INTERNAL', `resampling worker failed: ${message?.error ?? 'no result came back'}`);
    }
    message.results.forEach((result, position) => (results[there[position] as number] = result));
    return results;
  } finally {
    port1.close();
    void worker.terminate();
  }
}
