/** How long the receive loop waits before polling again while SQS cannot be reached. Pure. */

export interface OfflineBackoffOptions {
  /** Delay before the first retry, before jitter. */
  readonly baseMs: number;
  /** Cap on the delay, before jitter. */
  readonly maxMs: number;
}

/**
 * Exponential backoff with "equal jitter" for the attempt-th consecutive failure (1-based): the
 * delay doubles from baseMs up to maxMs, and a random half of it is jittered, so it lies in
 * [delay/2, delay). Jitter keeps many laptops waking at once from polling in lockstep.
 */
export function offlineBackoffMs(
  attempt: number,
  options: OfflineBackoffOptions,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(0, Math.trunc(attempt) - 1), 30);
  const delay = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  return Math.round(delay / 2 + r * (delay / 2));
}
