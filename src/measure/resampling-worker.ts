/**
 * Worker thread of resampleGroups: takes jobs from the counter it shares with the main thread
 * (claims[0] is the next position; the worker holds the jobs of positions 1, 2, …), posts each result with
 * its position (or the error) on its port, then flips claims[1], which the main thread waits on. The
 * resampling module is imported inside the try, so that even a failure to load it reaches the main thread
 * instead of leaving it waiting.
 */
import { workerData, type MessagePort } from 'node:worker_threads';

const { jobs, claims, port } = workerData as { jobs: unknown[]; claims: Int32Array; port: MessagePort };
try {
  const { resampleGroup } = await import('./resample-groups.js');
  for (let position = Atomics.add(claims, 0, 1); position <= jobs.length; position = Atomics.add(claims, 0, 1)) {
    port.postMessage({ position, result: resampleGroup(jobs[position - 1] as Parameters<typeof resampleGroup>[0]) });
  }
} catch (error) {
  port.postMessage({ error: error instanceof Error ? error.message : String(error) });
} finally {
  Atomics.store(claims, 1, 1);
  Atomics.notify(claims, 1);
}
