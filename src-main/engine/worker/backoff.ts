/** Delays the worker waits: retry backoff of a failed job, and the offline backoff of the receive loop. Pure. */

/**
 * The visibility delay for a retryable failure on the given delivery: the schedule is indexed by
 * receive count (1 → first entry) and its last entry repeats.
 */
export function retryDelaySeconds(receiveCount: number, schedule: readonly number[]): number {
  if (schedule.length === 0) return 0;
  const index = Math.min(Math.max(1, Math.trunc(receiveCount)), schedule.length) - 1;
  return schedule[index]!;
}

/** The longest delay in the schedule: used when a failure cannot be quarantined (no DLQ). */
export function longestRetryDelaySeconds(schedule: readonly number[]): number {
  return schedule.length === 0 ? 0 : Math.max(...schedule);
}

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
