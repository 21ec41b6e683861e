/**
 * The repository's checks before push (issue #14). After the agent, the worker commits what the
 * agent left uncommitted, runs the setup and check commands from its own settings for the
 * repository (never from the repository itself), and puts the worktree back as the agent left it
 * (the commands' own files are not published). When they fail, the agent gets one more round with
 * the failure output in its prompt (Aider also runs the check command itself, --test-cmd and
 * --auto-test), and the checks run again. What then happens to a failing change is the caller's
 * decision (onCheckFailure).
 *
 * The commands are the repository's code and run as untrusted as the agent: the worktree guard
 * checks after them that the worker's git was left alone. Throws JobFailure, or the stop's AbortError.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { agentEnvironment } from '../../agent/agent-env.ts';
import { repositorySettingFor, type RepositorySetting } from '../../config/guardrails-config.ts';
import { commitAll, nestedRepositories } from '../../workspace/commit-changes.ts';
import { git } from '../../workspace/git.ts';
import type { Worktree } from '../../workspace/workspaces.ts';
import { agentConfinement } from '../agent-confinement.ts';
import { runAgentStep, type AgentStepResult } from '../agent-step.ts';
import type { JobScope } from '../job-scope.ts';
import { JobFailure } from '../job-failure.ts';
import { commitMessage } from '../pull-request-text.ts';
import { assertWorktreeIntact } from '../worktree-guard.ts';
import { aiderTestFlags, checkFailurePrompt, checksSummary } from './checks-text.ts';
import { hasChecks, runChecks, type ChecksReport } from './run-checks.ts';

export interface ChecksStepResult {
  /** The last checks run, or null when the repository has none configured (or they could not run). */
  readonly report: ChecksReport | null;
  /** Agent rounds the job took: 1, or 2 after failed checks. */
  readonly rounds: number;
  /** The last agent round. */
  readonly agent: AgentStepResult;
  /** What the checks step took beyond the commands themselves (ms), for the benchmark. */
  readonly overheadMs: number;
}

export async function runChecksStep(
  scope: JobScope,
  worktree: Worktree,
  input: {
    readonly promptFile: string;
    readonly first: AgentStepResult;
    readonly issueTitle: string;
    readonly trusted: (value: boolean) => void;
  },
): Promise<ChecksStepResult> {
  const setting = repositorySettingFor(scope.deps.config.repositorySettings, scope.ctx.message.repository);
  if (!hasChecks(setting)) return { report: null, rounds: 1, agent: input.first, overheadMs: 0 };
  const title = input.issueTitle;

  let agent = input.first;
  let checked = await checkOnce(scope, worktree, setting, title, input.trusted);
  if (!checked || checked.report.passed)
    return { report: checked?.report ?? null, rounds: 1, agent, overheadMs: checked?.overheadMs ?? 0 };

  scope.log('The checks failed: giving the agent one more round with the failure output');
  scope.ctx.setPhase('running-agent');
  const original = await readFile(input.promptFile, 'utf8');
  const promptFile = join(scope.jobDir, 'prompt-after-checks.md');
  await writeFile(promptFile, checkFailurePrompt(original, checked.report), { mode: 0o600 });
  const base = scope.agent;
  const agentConfig =
    base.preset === 'aider'
      ? { ...base, extraArgs: [...base.extraArgs, ...aiderTestFlags(setting.checkCommand)] }
      : base;
  try {
    agent = await runAgentStep(scope, worktree, promptFile, input.trusted, { agent: agentConfig });
  } catch (error) {
    // A second round that crashed or hung leaves the first round's work, with its failing checks.
    if (!(error instanceof JobFailure) || error.kind !== 'retry') throw error;
    scope.log(`The second agent round did not finish (${error.message}); keeping the first round's work`);
    if (setting.onCheckFailure === 'fail') {
      throw new JobFailure(
        'permanent',
        `the repository's checks failed (${checksSummary(checked.report).replace(/^failed: /, '')}) and the second agent round did not finish; nothing was pushed`,
      );
    }
    return { report: checked.report, rounds: 2, agent, overheadMs: checked.overheadMs };
  }
  const overhead = checked.overheadMs;
  checked = await checkOnce(scope, worktree, setting, title, input.trusted);
  const report = checked?.report ?? null;
  if (report && !report.passed && setting.onCheckFailure === 'fail') {
    throw new JobFailure(
      'permanent',
      `the repository's checks failed, also after a second agent round: ${checksSummary(report).replace(/^failed: /, '')}; nothing was pushed`,
    );
  }
  return { report, rounds: 2, agent, overheadMs: overhead + (checked?.overheadMs ?? 0) };
}

/** Commits the agent's work, runs the checks under the guard, and cleans up after them. */
async function checkOnce(
  scope: JobScope,
  worktree: Worktree,
  setting: RepositorySetting,
  issueTitle: string,
  trusted: (value: boolean) => void,
): Promise<{ report: ChecksReport; overheadMs: number } | null> {
  const { workspaces, identity, clock, environment, limits } = scope.deps;
  const started = clock.now();
  const repo = workspaces.repository(worktree);
  // Publishing refuses nested repositories anyway; git must not look into them to commit.
  if ((await nestedRepositories(repo, scope.signal)).length > 0) return null;
  const number = scope.ctx.message.issue_number;
  const leftover = await commitAll(repo, identity, commitMessage(issueTitle, number), scope.signal);
  if (leftover) scope.log(`Committed the agent's uncommitted changes as ${leftover.slice(0, 12)}`);

  scope.ctx.setPhase('running-checks');
  // The commands are the repository's code: they run in the agent's sandbox, as the agent did.
  const confinement = await agentConfinement(scope, worktree);
  const snapshot = await workspaces.snapshot(worktree);
  trusted(false);
  const report = await runChecks({
    setting,
    cwd: worktree.path,
    env: agentEnvironment(environment, identity, join(scope.jobDir, 'home')),
    ...(confinement ? { confinement } : {}),
    jobDir: scope.jobDir,
    signal: scope.signal,
    clock,
    killGraceMs: limits.killGraceMs,
    log: (text) => scope.log(text),
    onLine: (stream, text) => scope.ctx.log.write(stream, text),
  });
  await assertWorktreeIntact(scope, worktree, snapshot, "the repository's setup or check command");
  trusted(true);
  // What the commands wrote (build output, changed snapshots) is not the agent's work.
  await git(['reset', '--hard', '--quiet', 'HEAD'], { ...repo, signal: scope.signal });
  await git(['clean', '-d', '--force', '--quiet'], { ...repo, signal: scope.signal });
  scope.log(`Checks ${checksSummary(report)}`);
  scope.addDetails({ checks: report.passed ? 'passed' : 'failed' });
  const overheadMs = clock.now() - started - report.commandsMs;
  // Measured by `npm run bench` (bench/checks.bench.ts).
  scope.log(
    `Checks step: ${Math.round(overheadMs)} ms beyond the commands' own ${Math.round(report.commandsMs)} ms`,
  );
  return { report, overheadMs };
}
