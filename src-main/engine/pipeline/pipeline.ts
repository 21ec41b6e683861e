/**
 * One job from start to end: verify the issue on GitHub → skip if already done → worktree → agent
 * (agent-step.ts) → commit, re-check the issue, push, pull request, comment (publish.ts). Every
 * step is a phase and a 'system' line in the job log.
 *
 * The job's result decides the message's fate (see JobResult): closed issue, removed label,
 * an issue edited while the job ran and duplicate delivery are no-ops; refused repositories or
 * labellers, "no changes", workflow changes and tampering with the worker's git are permanent;
 * network, GitHub 5xx, LLM errors, crashes and hangs are retried. Permanent failures and the last
 * retry are reported on the issue (failure-report.ts). Nothing is pushed or opened once
 * ctx.signal has fired.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobPhase } from '../../../shared/snapshot.ts';
import { isReviewTask, issueBranchName, type IssueTaskMessage } from '../../../shared/task-message.ts';
import { agentEnvironment, secretValues } from '../agent/agent-env.ts';
import { buildPrompt } from '../agent/prompt.ts';
import { sandboxDetector } from '../agent/sandbox/detect.ts';
import { createGitHubClient } from '../github/github-client.ts';
import { parseRepository, type RepositoryRef } from '../github/repository-ref.ts';
import type { JobContext, JobDetails, JobResult, JobRunner } from '../ports/job.ts';
import { systemClock } from '../ports/clock.ts';
import { Workspaces, type GitIdentity, type Worktree } from '../workspace/workspaces.ts';
import { repositorySettingFor } from '../config/guardrails-config.ts';
import { reportFailure } from './failure-report.ts';
import { gitHubForge } from './forge.ts';
import type { JobDeps, JobScope, PipelineDeps } from './job-scope.ts';
import { JobFailure, classifyFailure } from './job-failure.ts';
import { JobDeadline } from './job-deadline.ts';
import { newJobScope } from './new-job-scope.ts';
import { publish } from './publish.ts';
import { gitHubStillWanted } from './still-wanted.ts';
import { gitHubReviewForge, type ReviewForge } from './review-round/review-forge.ts';
import { runReviewRound } from './review-round/review-round.ts';
import { doWork } from './work-rounds.ts';
import { describeError } from '../../../shared/describe-error.ts';

export type { PipelineDeps, PipelineLimits } from './job-scope.ts';

export const DEFAULT_GIT_IDENTITY: GitIdentity = {
  name: 'CodingWorker',
  email: 'codingworker@users.noreply.github.com',
};

/** The worker's own log lines kept for a failure comment. */
const WORKER_LINES_KEPT = 40;

/** Builds the job runner the consumer calls for each message. */
export function createPipeline(deps: PipelineDeps): JobRunner {
  const { config, redactor } = deps;
  redactor.add(deps.token);
  for (const secret of secretValues(agentEnvironment(deps.environment, DEFAULT_GIT_IDENTITY)))
    redactor.add(secret);
  const clock = deps.clock ?? systemClock;
  const github =
    deps.forge && !deps.github
      ? null
      : (deps.github ??
        createGitHubClient({ token: deps.token, apiUrl: config.github.apiUrl, warn: () => undefined }));
  const forge = deps.forge ?? gitHubForge(github!);
  // Review rounds talk to GitHub only: a forge without it (the sandbox) refuses them.
  const review: ReviewForge | null = deps.reviewForge ?? (github ? gitHubReviewForge(github) : null);
  const workspaces = new Workspaces({
    dataDir: config.dataDir,
    serverUrl: config.github.serverUrl,
    environment: deps.environment,
    token: deps.token,
    keepFailed: deps.keepFailedWorktrees,
  });
  const limits = {
    maxJobMs: deps.limits?.maxJobMs ?? config.maxJobMinutes * 60_000,
    idleOutputMs: deps.limits?.idleOutputMs ?? config.idleOutputMinutes * 60_000,
    killGraceMs: deps.limits?.killGraceMs ?? 5000,
  };
  const identity = deps.gitIdentity ?? DEFAULT_GIT_IDENTITY;

  const sandbox = deps.sandbox ?? sandboxDetector();

  const jobDeps: JobDeps = { ...deps, clock, forge, workspaces, limits, identity, sandbox };
  const runner = (ctx: JobContext): Promise<JobResult> => {
    const task = ctx.message;
    return isReviewTask(task)
      ? runReviewRound(ctx, task, jobDeps, review)
      : new Job(ctx, task, jobDeps).run();
  };
  // The heartbeat re-checks the issue (and pull request) on GitHub; the sandbox has no GitHub to ask.
  return github ? Object.assign(runner, { stillWanted: gitHubStillWanted(github) }) : runner;
}

class Job {
  readonly #ctx: JobContext;
  readonly #deps: JobDeps;
  readonly #scope: JobScope;
  readonly #deadline: JobDeadline;
  readonly #workerLines: string[] = [];
  #details: JobDetails;
  #worktree: Worktree | null = null;
  /** False from the agent's start until the check after it passed: git must not touch it. */
  #worktreeTrusted = true;
  #verified = false;

  constructor(ctx: JobContext, task: IssueTaskMessage, deps: JobDeps) {
    this.#ctx = ctx;
    this.#deps = deps;
    const branch = issueBranchName(ctx.message.issue_number);
    this.#deadline = new JobDeadline(deps.clock, deps.limits.maxJobMs);
    // A retry may name another model (validated by the message schema).
    const agent = task.model ? { ...deps.config.agent, model: task.model } : deps.config.agent;
    this.#details = {
      issue: {
        repository: ctx.message.repository,
        number: ctx.message.issue_number,
        title: task.title,
      },
      branch,
      ...(agent.model ? { model: agent.model } : {}),
    };
    this.#scope = newJobScope({
      ctx,
      deps,
      branch,
      agent,
      deadline: this.#deadline,
      details: () => this.#details,
      addDetails: (details) => {
        this.#details = { ...this.#details, ...details };
      },
      log: (text) => this.#log(text),
    });
  }

  async run(): Promise<JobResult> {
    let result: JobResult;
    try {
      result = await this.#steps();
    } catch (error) {
      const failure = classifyFailure(error, this.#ctx.signal, this.#deadline.signal);
      const steps = this.#workerLines.slice();
      this.#log(`${failure.kind === 'retry' ? 'Failed (will retry)' : 'Failed'}: ${failure.reason}`);
      const failed = { kind: failure.kind, reason: failure.reason, details: this.#details };
      if (!failure.stopped && this.#verified) await reportFailure(this.#scope, failed, steps);
      result = failed;
    }
    this.#deadline.dispose();
    await this.#cleanUp(result.kind === 'success' || result.kind === 'noop');
    this.#log(`Result: ${result.kind}${result.kind === 'success' ? '' : ` — ${result.reason}`}`);
    return result;
  }

  async #steps(): Promise<JobResult> {
    const ctx = this.#ctx;
    const scope = this.#scope;
    const { config, forge } = this.#deps;
    const number = ctx.message.issue_number;
    let repository: RepositoryRef;
    try {
      repository = parseRepository(ctx.message.repository);
    } catch (error) {
      throw new JobFailure('permanent', describeError(error));
    }

    this.#phase('verifying', `Verifying issue #${number} in ${repository.fullName} on ${forge.name}`);
    const verification = await forge.verifyIssue({
      repository,
      issueNumber: number,
      allowlist: config.repositories,
      signal: scope.signal,
    });
    if (verification.kind === 'noop') {
      this.#log(`Nothing to do: ${verification.reason}`);
      return { kind: 'noop', reason: verification.reason, why: 'cancelled-upstream', details: this.#details };
    }
    if (verification.kind === 'refused') {
      this.#log(`Refused: ${verification.reason}`);
      return { kind: 'permanent', reason: verification.reason, details: this.#details };
    }
    const issue = verification.issue;
    this.#verified = true;
    this.#details = {
      ...this.#details,
      issue: { repository: repository.fullName, number, title: issue.title },
    };
    this.#log(`Issue #${number} is open and labelled by ${issue.labeledBy} (${issue.labeledByRole} access)`);

    this.#phase('checking-duplicates', `Looking for an open pull request from ${scope.branch}`);
    const existing = await forge.findOpenPullRequest(repository, scope.branch, scope.signal);
    if (existing) {
      const reason = `duplicate delivery: pull request #${existing.number} is already open for ${scope.branch}`;
      this.#log(`Nothing to do: ${reason} (${existing.url})`);
      return { kind: 'noop', reason, why: 'duplicate', details: { ...this.#details, prUrl: existing.url } };
    }

    this.#phase(
      'preparing-workspace',
      `Fetching ${repository.fullName} and adding a worktree on ${scope.branch}`,
    );
    const worktree = await this.#deps.workspaces.prepare({
      repository,
      jobId: ctx.jobId,
      branch: scope.branch,
      baseBranch: issue.defaultBranch,
      signal: scope.signal,
    });
    this.#worktree = worktree;
    for (const note of worktree.notes) this.#log(note);
    this.#log(`Worktree ${worktree.path} from ${issue.defaultBranch} at ${worktree.baseSha.slice(0, 12)}`);
    const setting = repositorySettingFor(config.repositorySettings, repository.fullName);
    if (setting) this.#log(`Checks for ${repository.fullName}: ${JSON.stringify(setting.checkCommand)}`);
    // Agent, checks and (optionally) the approval gate: work-rounds.ts.
    const work = await doWork(scope, worktree, {
      issueTitle: issue.title,
      writePrompt: (note) => this.#writePrompt(repository, issue.title, issue.body, note),
      trusted: (trusted) => {
        this.#worktreeTrusted = trusted;
      },
    });
    if (work.kind === 'result') return work.result;

    this.#phase('publishing', `Publishing ${scope.branch}`);
    const { run, warnings } = work.agent;
    return publish(scope, { repository, issue, worktree, run, warnings, checks: work.checks });
  }

  async #writePrompt(
    repository: RepositoryRef,
    title: string,
    body: string,
    note: string | null,
  ): Promise<string> {
    const budget = this.#deps.promptMaxChars ?? 100_000;
    const comments = await this.#deps.forge.listComments(repository, this.#ctx.message.issue_number, {
      maxChars: Math.max(0, budget - body.length - title.length - 1000),
      signal: this.#scope.signal,
    });
    const prompt = buildPrompt({
      repository: repository.fullName,
      issueNumber: this.#ctx.message.issue_number,
      title,
      body,
      comments: comments.comments,
      omittedComments: comments.omitted,
      excludedComments: comments.excluded ?? 0,
      ...(note ? { note } : {}),
      maxChars: budget,
    });
    const jobDir = this.#scope.jobDir;
    await mkdir(jobDir, { recursive: true, mode: 0o700 });
    const file = join(jobDir, 'prompt.md');
    await writeFile(file, prompt, { mode: 0o600 });
    const excluded = comments.excluded ? `, ${comments.excluded} left out (authors without access)` : '';
    this.#log(
      `Prompt: ${prompt.length} characters, ${comments.comments.length} comment(s)${excluded}${note ? ", with the maintainer's note" : ''} (${file})`,
    );
    return file;
  }

  async #cleanUp(succeeded: boolean): Promise<void> {
    if (!this.#worktree) return;
    const discard = !this.#worktreeTrusted;
    try {
      await this.#deps.workspaces.release(this.#worktree, { keep: !succeeded && !discard, discard });
      if (discard) this.#log(`Deleted the worktree (it can no longer be trusted): ${this.#worktree.path}`);
      else if (!succeeded) this.#log(`Kept the worktree for inspection: ${this.#worktree.path}`);
    } catch (error) {
      this.#log(`Could not clean up the worktree: ${describeError(error)}`);
    }
  }

  #phase(phase: JobPhase, text: string): void {
    this.#ctx.setPhase(phase);
    this.#log(text);
  }

  #log(text: string): void {
    const line = this.#deps.redactor.redact(text);
    this.#workerLines.push(line);
    if (this.#workerLines.length > WORKER_LINES_KEPT) this.#workerLines.shift();
    this.#ctx.log.write('system', line);
  }
}
