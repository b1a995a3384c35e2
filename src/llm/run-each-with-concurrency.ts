/**
 * Runs `action` on every item with at most `concurrency` running at once, in item order. After the first
 * failure no further item starts (`failed()` lets a long action stop between its requests); once the running
 * ones have ended, that first failure is thrown. What finished before it stays done (each action caches its own
 * result), so a rerun resumes.
 */
export async function runEachWithConcurrency<T>(
  items: readonly T[],
  concurrency: number,
  action: (item: T, index: number, failed: () => boolean) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const failed = () => failure !== undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const index = next;
      next += 1;
      try {
        await action(items[index] as T, index, failed);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, () => worker()));
  if (failure !== undefined) throw failure.error;
}
