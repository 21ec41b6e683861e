/**
 * After untrusted code ran in a job's worktree (the agent, or the repository's own setup and
 * check commands), and before git touches it again: were the files that steer the worker's own
 * git left alone? See workspace/integrity.ts.
 *
 * A replaced `.git` entry fails the job permanently and the worktree is deleted (never reused); a
 * changed clone file fails it too, and the cached clone is deleted, so the next job clones afresh.
 */
import { describeError } from '../../../shared/describe-error.ts';
import type { Worktree } from '../workspace/workspaces.ts';
import type { JobScope } from './job-scope.ts';
import { JobFailure } from './job-failure.ts';

type Snapshot = Awaited<ReturnType<JobScope['deps']['workspaces']['snapshot']>>;

/** Throws JobFailure when `who` (e.g. "the agent") tampered with the worker's git. */
export async function assertWorktreeIntact(
  scope: JobScope,
  worktree: Worktree,
  snapshot: Snapshot,
  who: string,
): Promise<void> {
  const { workspaces } = scope.deps;
  const report = await workspaces.check(worktree, snapshot);
  if (report.changed.length > 0) {
    scope.log(`Changed while ${who} ran: ${report.changed.join(', ')}; deleting the cached clone`);
    await workspaces.quarantine(worktree).catch((error: unknown) => {
      scope.log(`Could not delete the cached clone: ${describeError(error)}`);
    });
    throw new JobFailure(
      'permanent',
      `files that steer the worker's git changed while ${who} ran (${report.changed.join(', ')}); nothing was pushed, and the cached clone was deleted (the next job clones the repository afresh)`,
    );
  }
  if (report.worktreeReplaced) {
    throw new JobFailure(
      'permanent',
      `${who} replaced the worktree's .git entry (or the worktree folder), so the worker no longer controls which repository git would use there; nothing was pushed, and the worktree is deleted instead of reused`,
    );
  }
}
