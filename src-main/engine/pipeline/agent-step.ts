/**
 * The agent's part of a job: run it in the worktree under the job's limits, then — before git
 * touches the worktree again — check that it left alone what steers the worker's own git (see
 * workspace/integrity.ts), and judge from the branch whether it did the work.
 *
 * Tampering fails the job permanently: a replaced `.git` entry means the worktree is deleted
 * (never reused); a changed clone file means the cached clone is deleted as well, so the next job
 * clones afresh. Throws JobFailure, or the stop's AbortError.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { agentCacheDir } from '../agent/agent-cache.ts';
import { agentConfigurationProblem } from '../agent/agent-preflight.ts';
import { runAgent, type AgentRun } from '../agent/run-agent.ts';
import type { Worktree } from '../workspace/workspaces.ts';
import { branchChanges } from '../workspace/commit-changes.ts';
import { agentConfinement } from './agent-confinement.ts';
import type { JobScope } from './job-scope.ts';
import { JobFailure } from './job-failure.ts';
import { judgeAgentRun } from './judge-agent-run.ts';
import { formatDuration, formatUsage } from './pull-request-text.ts';
import { describeError } from '../../../shared/describe-error.ts';

export interface AgentStepResult {
  readonly run: AgentRun;
  readonly warnings: readonly string[];
}

/**
 * Runs the agent. `trusted` is told whether the worktree may still be used by git: false while
 * the agent runs, true again once the check after it found nothing changed.
 */
export async function runAgentStep(
  scope: JobScope,
  worktree: Worktree,
  promptFile: string,
  trusted: (value: boolean) => void,
): Promise<AgentStepResult> {
  const { config, limits, clock, workspaces } = scope.deps;
  const remaining = limits.maxJobMs - (clock.now() - scope.started);
  if (remaining <= 0)
    throw new JobFailure('retry', `the job reached its ${formatDuration(limits.maxJobMs)} limit`);
  const userHome = scope.deps.environment.HOME;
  const problem = agentConfigurationProblem({
    agent: config.agent,
    env: scope.deps.environment,
    hasAiderConfig: userHome?.startsWith('/') === true && existsSync(join(userHome, '.aider.conf.yml')),
  });
  if (problem !== null) throw new JobFailure('permanent', problem);
  const confinement = await agentConfinement(scope, worktree);
  const snapshot = await workspaces.snapshot(worktree);
  trusted(false);
  const run = await runAgent({
    agent: config.agent,
    repo: workspaces.repository(worktree),
    jobDir: scope.jobDir,
    promptFile,
    environment: scope.deps.environment,
    identity: scope.deps.identity,
    signal: scope.ctx.signal,
    maxMs: remaining,
    idleMs: limits.idleOutputMs,
    killGraceMs: limits.killGraceMs,
    clock,
    cacheDir: agentCacheDir(config.dataDir),
    confinement,
    onSpawn: (pid, invocation) => scope.log(`Started ${invocation.file} (pid ${pid}) in ${worktree.path}`),
    onLine: (stream, text) => scope.ctx.log.write(stream, text),
    afterExit: async () => {
      const report = await workspaces.check(worktree, snapshot);
      if (report.changed.length > 0) {
        scope.log(`Changed while the agent ran: ${report.changed.join(', ')}; deleting the cached clone`);
        await workspaces.quarantine(worktree).catch((error: unknown) => {
          scope.log(`Could not delete the cached clone: ${describeError(error)}`);
        });
        throw new JobFailure(
          'permanent',
          `files that steer the worker's git changed while the agent ran (${report.changed.join(', ')}); nothing was pushed, and the cached clone was deleted (the next job clones the repository afresh)`,
        );
      }
      if (report.worktreeReplaced) {
        throw new JobFailure(
          'permanent',
          "the agent replaced the worktree's .git entry (or the worktree folder), so the worker no longer controls which repository git would use there; nothing was pushed, and the worktree is deleted instead of reused",
        );
      }
      trusted(true);
    },
  });
  const { usage } = run.report;
  if (usage.tokensSent !== null || usage.costUsd !== null) scope.addDetails({ usage });
  const { outcome } = run;
  const how = outcome.exitSignal ? `signal ${outcome.exitSignal}` : `code ${outcome.exitCode}`;
  scope.log(
    `Agent ended with ${how} after ${formatDuration(outcome.durationMs)}; ${formatUsage(usage) ?? 'no usage reported'}`,
  );
  if (run.hiddenConfig.length > 0)
    scope.log(`Hid repository config from the agent: ${run.hiddenConfig.join(', ')}`);
  return { run, warnings: await judge(scope, worktree, run) };
}

/** Decides from the branch whether the agent did the work; throws the failure when it did not. */
async function judge(scope: JobScope, worktree: Worktree, run: AgentRun): Promise<readonly string[]> {
  const { signal } = scope.ctx;
  if (run.outcome.stoppedBy === 'aborted' || signal.aborted) signal.throwIfAborted();
  const stoppedEarly = run.outcome.spawnError !== null || run.outcome.stoppedBy !== null;
  const repo = scope.deps.workspaces.repository(worktree);
  const changes = stoppedEarly
    ? { commits: [], uncommitted: false }
    : await branchChanges(repo, worktree.baseSha, scope.signal);
  if (!stoppedEarly) {
    const dirty = changes.uncommitted ? ' and uncommitted changes' : '';
    scope.log(`Branch has ${changes.commits.length} new commit(s)${dirty}`);
  }
  const verdict = judgeAgentRun({
    preset: run.invocation.preset,
    outcome: run.outcome,
    report: run.report,
    commits: changes.commits.length,
    uncommitted: changes.uncommitted,
    limits: scope.deps.limits,
  });
  if (verdict.kind === 'stopped') signal.throwIfAborted();
  if (verdict.kind === 'retry' || verdict.kind === 'permanent')
    throw new JobFailure(verdict.kind, verdict.reason);
  return verdict.kind === 'publish' ? verdict.warnings : [];
}
