/**
 * Delay before retry number `attempt` (1 = first retry): base × 2^(attempt−1), capped at maximum, with no
 * jitter, so a run is reproducible. A server's Retry-After (seconds or an HTTP date) wins over the backoff
 * when it is longer, capped at retryAfterMaximum.
 */
export function retryDelayMilliseconds(input: {
  attempt: number;
  baseMilliseconds: number;
  maximumMilliseconds: number;
  retryAfterMilliseconds: number | undefined;
  retryAfterMaximumMilliseconds: number;
}): number {
  const exponent = Math.max(0, input.attempt - 1);
  const backoff = Math.min(input.maximumMilliseconds, input.baseMilliseconds * 2 ** Math.min(exponent, 30));
  if (input.retryAfterMilliseconds === undefined) return backoff;
  return Math.max(backoff, Math.min(input.retryAfterMilliseconds, input.retryAfterMaximumMilliseconds));
}

/** Reads a Retry-After (or retry-after-ms) header value into milliseconds; undefined when absent or unreadable. */
export function parseRetryAfter(headers: { get(name: string): string | null } | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null && /^\d+(\.\d+)?$/.test(milliseconds.trim())) return Number(milliseconds.trim());
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
