/**
 * Publishing a review round: commit and refuse like a first round (commitForPush), check that
 * the pull request is still open and the issue still asks for work, then push the new commits on
 * top of the branch — fast-forward only, never a force. When the head moved meanwhile (someone
 * pushed), fetch, place the round's commits on the new head and push again; a conflict sends the
 * round back to the queue to run again on the new head. Then answer on the pull request.
 *
 * Throws JobFailure, GitError or GitHubError; returns a no-op when the pull request closed or
 * the issue stopped asking meanwhile. Nothing is pushed once the job's signal has fired.
 */
import type { ReviewTaskMessage } from '../../../../shared/task-message.ts';
import type { RepositoryRef } from '../../github/repository-ref.ts';
import type { VerifiedIssue } from '../../github/verify-issue.ts';
import type { JobResult } from '../../ports/job.ts';
import { branchChanges, headCommit } from '../../workspace/commit-changes.ts';
import { BranchMovedError } from '../../workspace/push-branch.ts';
import { rebaseOnto } from '../../workspace/rebase-onto.ts';
import type { Worktree } from '../../workspace/workspaces.ts';
import type { JobScope } from '../job-scope.ts';
import { JobFailure } from '../job-failure.ts';
import { commitForPush } from '../publish.ts';
import type { ChecksReport } from '../checks/run-checks.ts';
import type { ReviewForge } from './review-forge.ts';
import { roundMarker, roundPushedReply } from './round-reply.ts';
import type { VerifiedRound } from './verify-round.ts';

/** Pushes tried when the head keeps moving; after that the round goes back to the queue. */
const MAX_PUSH_ATTEMPTS = 3;

export interface PushRoundInput {
  readonly repository: RepositoryRef;
  readonly issue: VerifiedIssue;
  readonly worktree: Worktree;
  readonly round: VerifiedRound;
  readonly task: ReviewTaskMessage;
  readonly review: ReviewForge;
  /** The repository's checks, when it has any: a failing result is said in the reply. */
  readonly checks?: { readonly report: ChecksReport | null; readonly rounds: number };
}

export async function pushRound(scope: JobScope, input: PushRoundInput): Promise<JobResult> {
  const { repository, worktree, round, task } = input;
  const { config, forge, workspaces, identity, clock } = scope.deps;
  const repo = workspaces.repository(worktree);
  const pr = `pull request #${task.pull_number}`;
  const message = `Address review round ${round.round} on #${task.pull_number} (issue #${task.issue_number})`;
  let { head } = await commitForPush(scope, worktree, message);

  const dropped = await recheck(scope, input);
  if (dropped) {
    scope.log(`Not pushing: ${dropped}`);
    return { kind: 'noop', reason: dropped, why: 'cancelled-upstream', details: scope.details() };
  }

  let base = worktree.baseSha;
  let rebasedOnto: string | null = null;
  for (let attempt = 1; ; attempt++) {
    scope.signal.throwIfAborted();
    try {
      await workspaces.push(worktree, head, scope.signal, { fastForwardOnly: true });
      break;
    } catch (error) {
      if (!(error instanceof BranchMovedError)) throw error;
      if (attempt >= MAX_PUSH_ATTEMPTS) {
        throw new JobFailure('retry', `the head of ${pr} kept moving; ${attempt} pushes were refused`);
      }
      const moved = await workspaces.refetch(worktree, scope.branch, scope.signal);
      if (!moved)
        throw new JobFailure('permanent', `the branch ${scope.branch} was deleted from the repository`);
      scope.log(
        `The head of ${pr} moved to ${moved.slice(0, 12)} meanwhile; placing the round's commits on top`,
      );
      const placed = await rebaseOnto(repo, identity, {
        newBase: moved,
        oldBase: base,
        signal: scope.signal,
      });
      if (!placed) {
        throw new JobFailure(
          'retry',
          `the head of ${pr} moved while the agent worked and the round's changes conflict with it; the round runs again on the new head`,
        );
      }
      base = moved;
      rebasedOnto = moved;
      head = await headCommit(repo, scope.signal);
    }
  }
  const pushed = await branchChanges(repo, base, scope.signal, head);
  scope.log(`Pushed ${pushed.commits.length} commit(s) on top of ${scope.branch} (${pr})`);
  scope.signal.throwIfAborted();

  const body = roundPushedReply({
    round: round.round,
    author: round.author,
    commits: pushed.commits.slice().reverse(),
    files: pushed.files,
    agentLabel: config.agent.preset,
    model: config.agent.model,
    usage: scope.details().usage ?? null,
    durationMs: clock.now() - scope.started,
    rebasedOnto,
    marker: roundMarker(task.comment_type, task.comment_id),
  });
  try {
    if (await forge.comment(repository, task.pull_number, scope.redact(body), scope.signal)) {
      scope.log(`Replied on ${pr}`);
    }
  } catch (error) {
    // The commits are what matters; a missing answer is not worth redoing the work.
    scope.log(`Could not reply on ${pr}: ${(error as Error).message}`);
  }
  return { kind: 'success', details: scope.details() };
}

/** Right before the push: is the pull request still open, and does the issue still ask for work? */
async function recheck(scope: JobScope, input: PushRoundInput): Promise<string | null> {
  const { repository, task } = input;
  const pull = await input.review.pullRequest(repository, task.pull_number, scope.signal);
  if (!pull || pull.state !== 'open')
    return `pull request #${task.pull_number} was closed while the round ran`;
  const issue = await scope.deps.forge.verifyIssue({
    repository,
    issueNumber: task.issue_number,
    allowlist: scope.deps.config.repositories,
    signal: scope.signal,
  });
  if (issue.kind !== 'verified') return `the issue no longer asks for this work: ${issue.reason}`;
  return null;
}
