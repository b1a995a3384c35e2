/**
 * Worker thread of resamplePendingGroups: takes work items from the counter it shares with the main thread
 * (item 2k: the bootstrap of the k-th prepared job, 2k + 1: its permutations), waits until that job has been
 * prepared and posted on its port, posts each result with its item (or the error) on the same port, then
 * adds itself to WORKERS_DONE, which the main thread waits on (there may be several workers). The resampling module is imported inside the try, so
 * that even a failure to load it reaches the main thread instead of leaving it waiting.
 */
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { GroupResamplingJob } from './resample-groups.js';
import { ABORTED, NEXT_ITEM, PREPARED, WORKERS_DONE } from './resampling-slots.js';

const { items, claims, port } = workerData as { items: number; claims: Int32Array; port: MessagePort };
try {
  const { resampleGroupPart } = await import('./resample-groups.js');
  const jobs: GroupResamplingJob[] = [];
  for (let item = Atomics.add(claims, NEXT_ITEM, 1); item < items; item = Atomics.add(claims, NEXT_ITEM, 1)) {
    const position = item >> 1;
    let prepared = Atomics.load(claims, PREPARED);
    while (prepared !== ABORTED && prepared <= position) {
      Atomics.wait(claims, PREPARED, prepared);
      prepared = Atomics.load(claims, PREPARED);
    }
    if (prepared === ABORTED) break;
    // Jobs are posted in order before PREPARED counts them, so they are on the port by now.
    while (jobs.length <= position) {
      const message = receiveMessageOnPort(port);
      if (message === undefined) throw new Error(`job ${position} was counted as prepared but is not on the port`);
      const posted = message.message as { position: number; job: GroupResamplingJob };
      jobs[posted.position] = posted.job;
    }
    port.postMessage({ item, result: resampleGroupPart(jobs[position] as GroupResamplingJob, item % 2 === 0 ? 'bootstrap' : 'permutation') });
  }
} catch (error) {
  port.postMessage({ error: error instanceof Error ? error.message : String(error) });
} finally {
  Atomics.add(claims, WORKERS_DONE, 1);
  Atomics.notify(claims, WORKERS_DONE);
}
