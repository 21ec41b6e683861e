/**
 * The agent's part of a job: run it in the worktree under the job's limits (time, and the per-job
 * spend cap), then — before git touches the worktree again — check that it left alone what steers
 * the worker's own git (worktree-guard.ts), and judge from the branch whether it did the work.
 *
 * Tampering fails the job permanently: a replaced `.git` entry means the worktree is deleted
 * (never reused); a changed clone file means the cached clone is deleted as well, so the next job
 * clones afresh. Passing the spend cap fails it permanently too. Throws JobFailure, or the stop's
 * AbortError.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { agentCacheDir } from '../agent/agent-cache.ts';
import { agentConfigurationProblem } from '../agent/agent-preflight.ts';
import { ProcessRecords } from '../agent/process-records.ts';
import { runAgent, type AgentRun } from '../agent/run-agent.ts';
import type { WorkerConfig } from '../config/worker-config.ts';
import type { SpendLimitStop } from '../spend/job-spend.ts';
import type { Worktree } from '../workspace/workspaces.ts';
import { branchChanges } from '../workspace/commit-changes.ts';
import { agentConfinement } from './agent-confinement.ts';
import type { JobScope } from './job-scope.ts';
import { JobFailure } from './job-failure.ts';
import { judgeAgentRun } from './judge-agent-run.ts';
import { formatDuration, formatUsage } from './pull-request-text.ts';
import { assertWorktreeIntact } from './worktree-guard.ts';

export interface AgentStepResult {
  readonly run: AgentRun;
  readonly warnings: readonly string[];
}

export interface AgentStepOptions {
  /** The agent for this round (e.g. with Aider's test command for the round after failed checks). */
  readonly agent?: WorkerConfig['agent'];
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
  options: AgentStepOptions = {},
): Promise<AgentStepResult> {
  const { config, limits, clock, workspaces } = scope.deps;
  const agent = options.agent ?? scope.agent;
  const remaining = scope.remainingMs();
  if (remaining <= 0)
    throw new JobFailure('retry', `the job reached its ${formatDuration(limits.maxJobMs)} limit`);
  const userHome = scope.deps.environment.HOME;
  const problem = agentConfigurationProblem({
    agent,
    env: scope.deps.environment,
    hasAiderConfig: userHome?.startsWith('/') === true && existsSync(join(userHome, '.aider.conf.yml')),
  });
  if (problem !== null) throw new JobFailure('permanent', problem);
  const confinement = await agentConfinement(scope, worktree);
  const snapshot = await workspaces.snapshot(worktree);
  trusted(false);
  // The per-job spend cap stops this round through its own signal (see spend/job-spend.ts).
  const round = scope.spend.startRound();
  let run: AgentRun;
  try {
    run = await runAgent({
      agent,
      repo: workspaces.repository(worktree),
      jobDir: scope.jobDir,
      promptFile,
      environment: scope.deps.environment,
      identity: scope.deps.identity,
      signal: AbortSignal.any([scope.ctx.signal, round.signal]),
      maxMs: remaining,
      idleMs: limits.idleOutputMs,
      killGraceMs: limits.killGraceMs,
      clock,
      cacheDir: agentCacheDir(config.dataDir),
      confinement,
      processRecord: { records: new ProcessRecords(config.dataDir), jobId: scope.ctx.jobId },
      onSpawn: (pid, invocation) => scope.log(`Started ${invocation.file} (pid ${pid}) in ${worktree.path}`),
      onLine: (stream, text) => scope.ctx.log.write(stream, text),
      onReport: (report) => round.report(report.usage),
      afterExit: async () => {
        await assertWorktreeIntact(scope, worktree, snapshot, 'the agent');
        trusted(true);
      },
    });
    round.report(run.report.usage);
  } finally {
    round.finish();
  }
  const usage = scope.spend.total();
  if (usage.tokensSent !== null || usage.costUsd !== null) scope.addDetails({ usage });
  const { outcome } = run;
  const how = outcome.exitSignal ? `signal ${outcome.exitSignal}` : `code ${outcome.exitCode}`;
  scope.log(
    `Agent ended with ${how} after ${formatDuration(outcome.durationMs)}; ${formatUsage(run.report.usage) ?? 'no usage reported'}`,
  );
  if (round.signal.aborted && !scope.ctx.signal.aborted) {
    const stop = round.signal.reason as SpendLimitStop;
    scope.log(`Stopped the agent: the job's spend (${formatUsage(usage)}) passed its limit`);
    throw new JobFailure('permanent', stop.message);
  }
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
