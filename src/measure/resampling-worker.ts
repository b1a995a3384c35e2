/**
 * Worker thread of resampleGroups: resamples the jobs it is given, posts the results (or the error) on its
 * port, then flips the shared `done` flag that the main thread waits on. The resampling module is imported
 * inside the try, so that even a failure to load it reaches the main thread instead of leaving it waiting.
 */
import { workerData, type MessagePort } from 'node:worker_threads';

const { jobs, done, port } = workerData as { jobs: unknown[]; done: Int32Array; port: MessagePort };
try {
  const { resampleGroup } = await import('./resample-groups.js');
  port.postMessage({ results: jobs.map((job) => resampleGroup(job as Parameters<typeof resampleGroup>[0])) });
} catch (error) {
  port.postMessage({ error: error instanceof Error ? error.message : String(error) });
} finally {
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}
