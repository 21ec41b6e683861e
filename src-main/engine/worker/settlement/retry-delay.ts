/** How long a failed job's message waits before its retry (its visibility delay). Pure. */

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
