/**
 * Approve before push (issue #14, config.approveBeforePush): the job stops before its push with
 * a summary of what it would push (files, lines, checks, cost) and waits — its lease kept alive by
 * the usual heartbeat, its own time limit held — for Push, Discard or Retry with a note, up to
 * config.approvalTimeoutMinutes. Throws the stop's AbortError when the job is stopped meanwhile.
 */
import { taskSummary } from '../../../../shared/task-message.ts';
import type { Worktree } from '../../workspace/workspaces.ts';
import type { ChecksReport } from '../checks/run-checks.ts';
import { checksSummary } from '../checks/checks-text.ts';
import type { JobScope } from '../job-scope.ts';
import { formatCost } from '../pull-request-text.ts';
import type { ApprovalDecision, ApprovalGate } from './approval-board.ts';
import { diffSummary } from './diff-summary.ts';

export async function awaitApproval(
  scope: JobScope,
  gate: ApprovalGate,
  worktree: Worktree,
  input: { readonly checks: ChecksReport | null; readonly note: string | null },
): Promise<ApprovalDecision> {
  const { workspaces, config } = scope.deps;
  const summary = await diffSummary(workspaces.repository(worktree), worktree.baseSha, scope.signal);
  const details = scope.details();
  const usage = details.usage ?? null;
  const timeoutMs = config.approvalTimeoutMinutes * 60_000;
  scope.ctx.setPhase('awaiting-approval');
  scope.log(
    `Awaiting approval: ${summary.files.length} file(s), +${summary.linesAdded} −${summary.linesRemoved}; checks ${input.checks ? (input.checks.passed ? 'passed' : 'failed') : 'not configured'}; cost ${usage?.costUsd != null ? formatCost(usage.costUsd) : 'not reported'}; waiting up to ${config.approvalTimeoutMinutes} min`,
  );
  const resume = scope.holdDeadline();
  try {
    return await gate.wait(
      {
        jobId: scope.ctx.jobId,
        issue: details.issue ?? {
          repository: scope.ctx.message.repository,
          number: scope.ctx.message.issue_number,
          title: taskSummary(scope.ctx.message),
        },
        branch: scope.branch,
        files: summary.files,
        linesAdded: summary.linesAdded,
        linesRemoved: summary.linesRemoved,
        checks: input.checks ? (input.checks.passed ? 'passed' : 'failed') : 'none',
        checksSummary: input.checks ? checksSummary(input.checks) : null,
        usage,
        note: input.note,
        diff: scope.redact(summary.diff),
      },
      { timeoutMs, signal: scope.ctx.signal },
    );
  } finally {
    resume();
  }
}
