/**
 * The counters that resamplePendingGroups shares with its worker threads (resampling-worker.ts), as slots of
 * an Int32Array on a SharedArrayBuffer: NEXT_ITEM is the next work item to take; PREPARED the number of jobs
 * prepared and posted (ABORTED when the main thread gave up); WORKERS_DONE counts the workers that have
 * posted their last result. A module of its own, so a worker reads them before it loads the resampling code.
 */
export const NEXT_ITEM = 0;
export const PREPARED = 1;
export const WORKERS_DONE = 2;
export const ABORTED = -1;
/** Number of slots. */
export const SLOTS = 3;
