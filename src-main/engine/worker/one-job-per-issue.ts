/**
 * Jobs for the same issue never run side by side on this worker. SQS delivers at least once and
 * the producer can send an issue twice; with concurrency ≥ 2 the second delivery used to meet the
 * first one's branch ("another job is working on ai-task/issue-N"), count as a failed attempt, and
 * end in the DLQ with a false failure comment. Now it waits — holding its lease like any running
 * job, so the wait is not a failed receive — until the first job has ended, then runs: the
 * pipeline finds the first job's pull request and deletes it as a duplicate, or does the work if
 * the first job did not.
 */
import type { JobContext, JobResult, JobRunner } from '../ports/job.ts';

export function oneJobPerIssue(runJob: JobRunner): JobRunner {
  const tails = new Map<string, Promise<void>>();
  const serialised = async (ctx: JobContext): Promise<JobResult> => {
    const key = `${ctx.message.repository.toLowerCase()}#${ctx.message.issue_number}`;
    const before = tails.get(key);
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    const tail = (before ?? Promise.resolve()).then(() => mine);
    tails.set(key, tail);
    try {
      if (before) {
        ctx.log.write(
          'system',
          `another job on this worker is working on ${key}; this delivery waits for it to end (not a failed attempt)`,
        );
        await untilOrAbort(before, ctx.signal);
        ctx.log.write('system', 'the other job has ended; checking whether the issue still needs work');
      }
      return await runJob(ctx);
    } finally {
      done();
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
  // The heartbeat's "still wanted?" check belongs to the runner it wraps.
  return runJob.stillWanted ? Object.assign(serialised, { stillWanted: runJob.stillWanted }) : serialised;
}

function untilOrAbort(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
