/**
 * Publishing a job's work: commit what the agent left uncommitted, refuse what must not be pushed
 * (nested repositories and submodule changes; changes to GitHub Actions workflows, which a push
 * runs with the repository's secrets), check on the forge that the issue still asks for exactly
 * this work (open, labelled by a writer, same title and text as the agent was given), then push
 * the commit that was checked, open the pull request and comment on the issue.
 *
 * Nothing is pushed or opened once the job's signal has fired. Throws JobFailure, GitError or
 * GitHubError; returns a no-op result when the issue changed, closed or lost its label meanwhile.
 */
import type { AgentRun } from '../agent/run-agent.ts';
import type { VerifiedIssue } from '../github/verify-issue.ts';
import type { RepositoryRef } from '../github/repository-ref.ts';
import type { JobResult } from '../ports/job.ts';
import {
  branchChanges,
  commitAll,
  headCommit,
  nestedRepositories,
  type BranchChanges,
} from '../workspace/commit-changes.ts';
import type { Worktree } from '../workspace/workspaces.ts';
import type { JobScope } from './job-scope.ts';
import { JobFailure } from './job-failure.ts';
import { commitMessage, pullRequestBody, pullRequestTitle } from './pull-request-text.ts';
import { commentOncePerPullRequest } from './success-comment.ts';
import { CHECKS_FAILING_LABEL, CHECKS_FAILING_TITLE_PREFIX, checksSection } from './checks/checks-text.ts';
import type { ChecksReport } from './checks/run-checks.ts';
import { describeError } from '../../../shared/describe-error.ts';

/** Where GitHub Actions workflows live; a pushed change to them runs with the repository's secrets. */
const WORKFLOWS = /^\.github\/workflows\//i;

export const ISSUE_CHANGED_REASON =
  'the issue changed while the job ran; it will be picked up again if relabelled';

export async function publish(
  scope: JobScope,
  input: {
    readonly repository: RepositoryRef;
    readonly issue: VerifiedIssue;
    readonly worktree: Worktree;
    readonly run: AgentRun;
    readonly warnings: readonly string[];
    /** The repository's checks (checks/checks-step.ts): failing ones open a labelled draft. */
    readonly checks?: { readonly report: ChecksReport | null; readonly rounds: number };
  },
): Promise<JobResult> {
  const { repository, issue, worktree, run } = input;
  const { config, forge, workspaces, clock } = scope.deps;
  const number = scope.ctx.message.issue_number;
  const { head, final } = await commitForPush(scope, worktree, commitMessage(issue.title, number));

  const recheck = await recheckIssue(scope, repository, issue);
  if (recheck) {
    scope.log(`Not pushing: ${recheck}`);
    return { kind: 'noop', reason: recheck, why: 'cancelled-upstream', details: scope.details() };
  }

  scope.signal.throwIfAborted();
  await workspaces.push(worktree, head, scope.signal);
  scope.log(`Pushed ${final.commits.length} commit(s) to ${scope.branch}`);
  scope.signal.throwIfAborted();

  const summary = [
    ...run.report.appliedEdits.map((file) => `Applied edit to ${file}`),
    ...final.commits.slice().reverse(),
  ];
  const warnings = [
    ...input.warnings,
    ...(run.hiddenConfig.length > 0 ? [`Kept from the agent: ${run.hiddenConfig.join(', ')}`] : []),
  ];
  const checks = input.checks?.report ?? null;
  const failing = checks !== null && !checks.passed;
  const title = pullRequestTitle(issue.title, number);
  const pr = await forge.openPullRequest({
    repository,
    branch: scope.branch,
    base: issue.defaultBranch,
    title: scope.redact(failing ? `${CHECKS_FAILING_TITLE_PREFIX}${title}` : title),
    body: scope.redact(
      pullRequestBody({
        issueNumber: number,
        agentLabel: scope.agent.preset,
        model: scope.agent.model,
        durationMs: clock.now() - scope.started,
        usage: scope.details().usage ?? null,
        summary,
        files: final.files,
        warnings,
        jobId: scope.ctx.jobId,
        ...(checks ? { checksSection: checksSection(checks, input.checks?.rounds ?? 1) } : {}),
      }),
    ),
    draft: config.github.openAsDraft || failing,
    signal: scope.signal,
  });
  if (pr.kind === 'not-opened') {
    scope.log(`No pull request opened (${pr.why}); it would go to ${pr.wouldBeAt}`);
    scope.addDetails({
      noPullRequest: `no pull request (${pr.why})${pr.branchAt ? `; ${pr.branchAt}` : ''}`,
    });
    return { kind: 'success', details: scope.details() };
  }
  scope.addDetails({ prUrl: pr.url });
  scope.log(
    `${pr.existing ? 'Found' : 'Opened'} pull request #${pr.number}${pr.draft ? ' (draft)' : ''}: ${pr.url}`,
  );
  if (failing && forge.addLabels) {
    try {
      await forge.addLabels(repository, pr.number, [CHECKS_FAILING_LABEL], scope.signal);
      scope.log(`Labelled pull request #${pr.number} ${CHECKS_FAILING_LABEL}`);
    } catch (error) {
      // The title and the Checks section already say it; a missing label is not worth a retry.
      scope.log(`Could not label pull request #${pr.number}: ${describeError(error)}`);
    }
  }
  try {
    const comment = await commentOncePerPullRequest({
      forge,
      repository,
      issueNumber: number,
      pr,
      signal: scope.signal,
    });
    if (comment === 'commented') scope.log(`Commented on issue #${number}`);
    if (comment === 'already-commented')
      scope.log(
        `Issue #${number} already has the worker's comment for pull request #${pr.number}; not commenting again`,
      );
  } catch (error) {
    // The pull request is what matters; a missing comment is not worth redoing the work.
    scope.log(`Could not comment on issue #${number}: ${describeError(error)}`);
  }
  return { kind: 'success', details: scope.details() };
}

/**
 * Commits what the agent left uncommitted (as `message`) and returns the commit to push, after
 * refusing what must never be pushed: nested repositories, submodule changes, workflow changes,
 * and a branch whose commits cancel out. Shared by first rounds and review rounds.
 */
export async function commitForPush(
  scope: JobScope,
  worktree: Worktree,
  message: string,
): Promise<{ readonly head: string; readonly final: BranchChanges }> {
  const repo = scope.deps.workspaces.repository(worktree);

  const nested = await nestedRepositories(repo, scope.signal);
  if (nested.length > 0) {
    throw new JobFailure(
      'permanent',
      `the agent created nested git repositories (${nested.slice(0, 5).join(', ')}); the worker does not run git where another repository's config applies, and does not push them`,
    );
  }
  const leftover = await commitAll(repo, scope.deps.identity, message, scope.signal);
  if (leftover) scope.log(`Committed the agent's uncommitted changes as ${leftover.slice(0, 12)}`);
  const head = await headCommit(repo, scope.signal);
  const final = await branchChanges(repo, worktree.baseSha, scope.signal, head);
  if (final.files.length === 0) {
    throw new JobFailure('permanent', 'the agent made no changes (its commits cancel out)');
  }
  if (final.submodules.length > 0) {
    throw new JobFailure(
      'permanent',
      `the agent added or changed submodules (${final.submodules.slice(0, 5).join(', ')}); the worker does not push submodule changes`,
    );
  }
  const workflows = final.files.filter((file) => WORKFLOWS.test(file));
  if (workflows.length > 0) {
    throw new JobFailure(
      'permanent',
      `the agent changed GitHub Actions workflows (${workflows.slice(0, 5).join(', ')}); the worker does not push workflow changes, because pushing them runs them with the repository's secrets`,
    );
  }
  return { head, final };
}

/**
 * Asks the forge again, right before the push, whether the issue still asks for this work: still
 * open, still labelled by someone with write access, and with the same title and text the agent
 * was given (an edit after the label was approved by nobody). Returns why not, or null.
 */
async function recheckIssue(
  scope: JobScope,
  repository: RepositoryRef,
  used: VerifiedIssue,
): Promise<string | null> {
  const again = await scope.deps.forge.verifyIssue({
    repository,
    issueNumber: scope.ctx.message.issue_number,
    allowlist: scope.deps.config.repositories,
    signal: scope.signal,
  });
  if (again.kind !== 'verified') return `the issue no longer asks for this work: ${again.reason}`;
  if (again.issue.title !== used.title || again.issue.body !== used.body) return ISSUE_CHANGED_REASON;
  return null;
}
