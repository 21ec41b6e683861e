/** Whether a job ended between two snapshots: one that was running is no longer listed. Pure. */
export function someJobEnded(before: readonly string[], after: readonly string[]): boolean {
  const running = new Set(after);
  return before.some((jobId) => !running.has(jobId));
}
