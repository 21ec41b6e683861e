/**
 * The work between the worktree and the push: the agent, the repository's checks (checks/), and,
 * when approveBeforePush is on, the approval gate (approval/). "Retry with a note" at the gate
 * puts the branch back to where it started and runs the agent again with the note in its prompt,
 * on the same lease. Returns what to publish, or the job's result when there is nothing to push.
 */
import { isReviewTask } from '../../../shared/task-message.ts';
import type { JobResult } from '../ports/job.ts';
import { git } from '../workspace/git.ts';
import type { Worktree } from '../workspace/workspaces.ts';
import { runAgentStep, type AgentStepResult } from './agent-step.ts';
import { awaitApproval } from './approval/approval-step.ts';
import { runChecksStep } from './checks/checks-step.ts';
import type { ChecksReport } from './checks/run-checks.ts';
import type { JobScope } from './job-scope.ts';
import { JobFailure } from './job-failure.ts';

export type WorkOutcome =
  | {
      readonly kind: 'publish';
      readonly agent: AgentStepResult;
      readonly checks: { readonly report: ChecksReport | null; readonly rounds: number };
    }
  | { readonly kind: 'result'; readonly result: JobResult };

export const DISCARDED_REASON = 'discarded at the approval gate: nothing was pushed';

export async function doWork(
  scope: JobScope,
  worktree: Worktree,
  input: {
    readonly issueTitle: string;
    /** Writes the prompt file (with the maintainer's note, if any) and returns its path. */
    readonly writePrompt: (note: string | null) => Promise<string>;
    readonly trusted: (value: boolean) => void;
  },
): Promise<WorkOutcome> {
  const { config, approvals } = scope.deps;
  const message = scope.ctx.message;
  // A retry's note rides on an issue message; a review round's request is its own prompt.
  let note = (isReviewTask(message) ? null : message.note) ?? null;
  if (note) scope.addDetails({ note });
  for (;;) {
    const promptFile = await input.writePrompt(note);
    scope.ctx.setPhase('running-agent');
    scope.log(`Running ${scope.agent.preset}${scope.agent.model ? ` (${scope.agent.model})` : ''}`);
    const first = await runAgentStep(scope, worktree, promptFile, input.trusted);
    const checked = await runChecksStep(scope, worktree, {
      promptFile,
      first,
      issueTitle: input.issueTitle,
      trusted: input.trusted,
    });
    const checks = { report: checked.report, rounds: checked.rounds };
    if (!config.approveBeforePush || !approvals) return { kind: 'publish', agent: checked.agent, checks };

    const decision = await awaitApproval(scope, approvals, worktree, { checks: checked.report, note });
    switch (decision.kind) {
      case 'push':
        scope.log('Approved: pushing');
        return { kind: 'publish', agent: checked.agent, checks };
      case 'discard':
        scope.log('Discarded by the user at the approval gate');
        throw new JobFailure('permanent', DISCARDED_REASON);
      case 'timeout': {
        const reason = `nobody approved the push within ${config.approvalTimeoutMinutes} min; the message was released`;
        scope.log(`Not pushing: ${reason}`);
        return { kind: 'result', result: { kind: 'release', reason, details: scope.details() } };
      }
      case 'retry':
        note = decision.note;
        scope.addDetails({ note });
        if (decision.model) scope.agent = { ...scope.agent, model: decision.model };
        if (decision.model) scope.addDetails({ model: decision.model });
        scope.log(
          `Retrying with the maintainer's note${decision.model ? ` and the model ${decision.model}` : ''}: the branch goes back to where it started`,
        );
        await resetToBase(scope, worktree);
    }
  }
}

/** Puts the branch and the files back to the job's starting point (ignored files stay). */
async function resetToBase(scope: JobScope, worktree: Worktree): Promise<void> {
  const repo = scope.deps.workspaces.repository(worktree);
  await git(['reset', '--hard', '--quiet', worktree.baseSha], { ...repo, signal: scope.signal });
  await git(['clean', '-d', '--force', '--quiet'], { ...repo, signal: scope.signal });
}
