/**
 * One job from start to end: verify the issue on GitHub → skip if already done → worktree → agent →
 * commit, push, pull request, comment. Every step is a phase and a 'system' line in the job log.
 *
 * The job's result decides the message's fate (see JobResult): closed issue, removed label and
 * duplicate delivery are no-ops; refused repositories or labellers and "no changes" are permanent;
 * network, GitHub 5xx, LLM errors, crashes and hangs are retried. Permanent failures and the last
 * retry are reported on the issue. Nothing is pushed or opened once ctx.signal has fired.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobPhase } from '../../../shared/snapshot.ts';
import { issueBranchName } from '../../../shared/task-message.ts';
import { secretValues, agentEnvironment } from '../agent/agent-env.ts';
import { buildPrompt } from '../agent/prompt.ts';
import { runAgent, type AgentRun } from '../agent/run-agent.ts';
import type { WorkerConfig } from '../config/worker-config.ts';
import { createGitHubClient, type GitHubClient } from '../github/github-client.ts';
import { parseRepository, type RepositoryRef } from '../github/repository-ref.ts';
import type { JobContext, JobDetails, JobResult, JobRunner } from '../jobs/job.ts';
import { jobDirectory } from '../journal/job-paths.ts';
import { systemClock, type Clock } from '../ports/clock.ts';
import type { Redactor } from '../security/redact.ts';
import { branchChanges, commitAll } from '../workspace/commit-changes.ts';
import { pushBranch } from '../workspace/push-branch.ts';
import { Workspaces, type GitIdentity, type Worktree } from '../workspace/workspaces.ts';
import { gitHubForge, type Forge } from './forge.ts';
import { JobFailure, classifyFailure } from './job-failure.ts';
import { judgeAgentRun } from './judge-agent-run.ts';
import {
  commitMessage,
  failureComment,
  formatDuration,
  formatUsage,
  pullRequestBody,
  pullRequestTitle,
  successComment,
} from './pull-request-text.ts';

export interface PipelineLimits {
  /** Whole-job limit. Default: config.maxJobMinutes. */
  readonly maxJobMs?: number;
  /** Agent silence that counts as a hang. Default: config.idleOutputMinutes. */
  readonly idleOutputMs?: number;
  /** Grace between SIGINT, SIGTERM and SIGKILL when stopping the agent. Default 5 s. */
  readonly killGraceMs?: number;
}

export interface PipelineDeps {
  readonly config: WorkerConfig;
  /** The GitHub token: used for the API and (through GIT_ASKPASS) for git; registered for redaction. */
  readonly token: string;
  readonly redactor: Redactor;
  /**
   * The worker's environment, read once at the edge. git gets PATH, HOME and proxy settings from
   * it; the agent gets an allowlisted part (AGENT_ENV_ALLOWLIST: basics and model API keys).
   */
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly clock?: Clock;
  /** A ready GitHub client. Default: createGitHubClient({ token, apiUrl: config.github.apiUrl }). */
  readonly github?: GitHubClient;
  /** Where issues and pull requests live. Default: GitHub through `github`. The sandbox brings its own. */
  readonly forge?: Forge;
  /** Author and committer of the agent's and the worker's commits. */
  readonly gitIdentity?: GitIdentity;
  readonly limits?: PipelineLimits;
  /** Failed jobs' worktrees kept for inspection. Default 3. */
  readonly keepFailedWorktrees?: number;
  /** Upper bound on the prompt file's size in characters. Default 100,000. */
  readonly promptMaxChars?: number;
}

export const DEFAULT_GIT_IDENTITY: GitIdentity = {
  name: 'CodingWorker',
  email: 'codingworker@users.noreply.github.com',
};

/** Builds the job runner the consumer calls for each message. */
export function createPipeline(deps: PipelineDeps): JobRunner {
  const { config, redactor } = deps;
  redactor.add(deps.token);
  for (const secret of secretValues(agentEnvironment(deps.environment, DEFAULT_GIT_IDENTITY)))
    redactor.add(secret);
  const clock = deps.clock ?? systemClock;
  const forge =
    deps.forge ??
    gitHubForge(
      deps.github ??
        createGitHubClient({ token: deps.token, apiUrl: config.github.apiUrl, warn: () => undefined }),
    );
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

  return (ctx) => new Job(ctx, { ...deps, clock, forge, workspaces, limits, identity }).run();
}

interface JobDeps extends PipelineDeps {
  readonly clock: Clock;
  readonly forge: Forge;
  readonly workspaces: Workspaces;
  readonly limits: Required<PipelineLimits>;
  readonly identity: GitIdentity;
}

class Job {
  readonly #ctx: JobContext;
  readonly #deps: JobDeps;
  readonly #started: number;
  readonly #jobDir: string;
  readonly #branch: string;
  /** Fires when the job is stopped or reaches its time limit: bounds every git and GitHub call. */
  readonly #signal: AbortSignal;
  readonly #deadline: AbortSignal;
  #details: JobDetails;
  #worktree: Worktree | null = null;
  #verified = false;

  constructor(ctx: JobContext, deps: JobDeps) {
    this.#ctx = ctx;
    this.#deps = deps;
    this.#started = deps.clock.now();
    this.#jobDir = jobDirectory(deps.config.dataDir, ctx.jobId);
    this.#branch = issueBranchName(ctx.message.issue_number);
    this.#deadline = AbortSignal.timeout(deps.limits.maxJobMs);
    this.#signal = AbortSignal.any([ctx.signal, this.#deadline]);
    this.#details = {
      issue: {
        repository: ctx.message.repository,
        number: ctx.message.issue_number,
        title: ctx.message.title,
      },
      branch: this.#branch,
      ...(deps.config.agent.model ? { model: deps.config.agent.model } : {}),
    };
  }

  async run(): Promise<JobResult> {
    let result: JobResult;
    try {
      result = await this.#steps();
    } catch (error) {
      const failure = classifyFailure(error, this.#ctx.signal, this.#deadline);
      this.#log(`${failure.kind === 'retry' ? 'Failed (will retry)' : 'Failed'}: ${failure.reason}`);
      const failed = { kind: failure.kind, reason: failure.reason, details: this.#details };
      if (!failure.stopped) await this.#reportFailure(failed);
      result = failed;
    }
    await this.#cleanUp(result.kind === 'success' || result.kind === 'noop');
    this.#log(`Result: ${result.kind}${result.kind === 'success' ? '' : ` — ${result.reason}`}`);
    return result;
  }

  async #steps(): Promise<JobResult> {
    const ctx = this.#ctx;
    const { config, forge } = this.#deps;
    const number = ctx.message.issue_number;
    let repository: RepositoryRef;
    try {
      repository = parseRepository(ctx.message.repository);
    } catch (error) {
      throw new JobFailure('permanent', (error as Error).message);
    }

    this.#phase('verifying', `Verifying issue #${number} in ${repository.fullName} on ${forge.name}`);
    const verification = await forge.verifyIssue({
      repository,
      issueNumber: number,
      allowlist: config.repositories,
      signal: this.#signal,
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

    this.#phase('checking-duplicates', `Looking for an open pull request from ${this.#branch}`);
    const existing = await forge.findOpenPullRequest(repository, this.#branch, this.#signal);
    if (existing) {
      const reason = `duplicate delivery: pull request #${existing.number} is already open for ${this.#branch}`;
      this.#log(`Nothing to do: ${reason} (${existing.url})`);
      return { kind: 'noop', reason, why: 'duplicate', details: { ...this.#details, prUrl: existing.url } };
    }

    this.#phase(
      'preparing-workspace',
      `Fetching ${repository.fullName} and adding a worktree on ${this.#branch}`,
    );
    const worktree = await this.#deps.workspaces.prepare({
      repository,
      jobId: ctx.jobId,
      branch: this.#branch,
      baseBranch: issue.defaultBranch,
      signal: this.#signal,
    });
    this.#worktree = worktree;
    this.#log(`Worktree ${worktree.path} from ${issue.defaultBranch} at ${worktree.baseSha.slice(0, 12)}`);
    const promptFile = await this.#writePrompt(repository, issue.title, issue.body);

    this.#phase(
      'running-agent',
      `Running ${config.agent.preset}${config.agent.model ? ` (${config.agent.model})` : ''}`,
    );
    const run = await this.#runAgent(worktree, promptFile);
    const changes = await this.#checkAgentResult(worktree, run);

    this.#phase('publishing', `Publishing ${this.#branch}`);
    const env = this.#deps.workspaces.gitEnv;
    const leftover = await commitAll(
      worktree.path,
      env,
      this.#deps.identity,
      commitMessage(issue.title, number),
      this.#signal,
    );
    if (leftover) this.#log(`Committed the agent's uncommitted changes as ${leftover.slice(0, 12)}`);
    const final = await branchChanges(worktree.path, env, worktree.baseSha, this.#signal);
    if (final.files.length === 0) {
      throw new JobFailure('permanent', 'the agent made no changes (its commits cancel out)');
    }
    this.#signal.throwIfAborted();
    await pushBranch({
      cwd: worktree.path,
      env: await this.#deps.workspaces.networkEnv(),
      branch: this.#branch,
      expectedRemoteSha: worktree.remoteBranchSha,
      signal: this.#signal,
    });
    this.#log(`Pushed ${final.commits.length} commit(s) to ${this.#branch}`);
    this.#signal.throwIfAborted();

    const summary = [
      ...run.report.appliedEdits.map((file) => `Applied edit to ${file}`),
      ...final.commits.slice().reverse(),
    ];
    const warnings = [
      ...changes.warnings,
      ...(run.hiddenConfig.length > 0 ? [`Kept from the agent: ${run.hiddenConfig.join(', ')}`] : []),
    ];
    const pr = await forge.openPullRequest({
      repository,
      branch: this.#branch,
      base: issue.defaultBranch,
      title: this.#redact(pullRequestTitle(issue.title, number)),
      body: this.#redact(
        pullRequestBody({
          issueNumber: number,
          agentLabel: config.agent.preset,
          model: config.agent.model,
          durationMs: this.#deps.clock.now() - this.#started,
          usage: this.#details.usage ?? null,
          summary,
          files: final.files,
          warnings,
          jobId: ctx.jobId,
        }),
      ),
      draft: config.github.openAsDraft,
      signal: this.#signal,
    });
    if (pr.kind === 'not-opened') {
      this.#log(`No pull request opened (${pr.why}); it would go to ${pr.wouldBeAt}`);
      return { kind: 'success', details: this.#details };
    }
    this.#details = { ...this.#details, prUrl: pr.url };
    this.#log(
      `${pr.existing ? 'Found' : 'Opened'} pull request #${pr.number}${pr.draft ? ' (draft)' : ''}: ${pr.url}`,
    );
    try {
      if (await forge.comment(repository, number, successComment(pr.url, pr.number), this.#signal)) {
        this.#log(`Commented on issue #${number}`);
      }
    } catch (error) {
      // The pull request is what matters; a missing comment is not worth redoing the work.
      this.#log(`Could not comment on issue #${number}: ${(error as Error).message}`);
    }
    return { kind: 'success', details: this.#details };
  }

  async #writePrompt(repository: RepositoryRef, title: string, body: string): Promise<string> {
    const budget = this.#deps.promptMaxChars ?? 100_000;
    const comments = await this.#deps.forge.listComments(repository, this.#ctx.message.issue_number, {
      maxChars: Math.max(0, budget - body.length - title.length - 1000),
      signal: this.#signal,
    });
    const prompt = buildPrompt({
      repository: repository.fullName,
      issueNumber: this.#ctx.message.issue_number,
      title,
      body,
      comments: comments.comments,
      omittedComments: comments.omitted,
      maxChars: budget,
    });
    await mkdir(this.#jobDir, { recursive: true, mode: 0o700 });
    const file = join(this.#jobDir, 'prompt.md');
    await writeFile(file, prompt, { mode: 0o600 });
    this.#log(`Prompt: ${prompt.length} characters, ${comments.comments.length} comment(s) (${file})`);
    return file;
  }

  async #runAgent(worktree: Worktree, promptFile: string): Promise<AgentRun> {
    const { config, limits, clock } = this.#deps;
    const remaining = limits.maxJobMs - (clock.now() - this.#started);
    if (remaining <= 0)
      throw new JobFailure('retry', `the job reached its ${formatDuration(limits.maxJobMs)} limit`);
    const run = await runAgent({
      agent: config.agent,
      worktree: worktree.path,
      jobDir: this.#jobDir,
      promptFile,
      environment: this.#deps.environment,
      identity: this.#deps.identity,
      gitEnv: this.#deps.workspaces.gitEnv,
      signal: this.#ctx.signal,
      maxMs: remaining,
      idleMs: limits.idleOutputMs,
      killGraceMs: limits.killGraceMs,
      clock,
      onSpawn: (pid, invocation) => this.#log(`Started ${invocation.file} (pid ${pid}) in ${worktree.path}`),
      onLine: (stream, text) => this.#ctx.log.write(stream, text),
    });
    const { usage } = run.report;
    if (usage.tokensSent !== null || usage.costUsd !== null) this.#details = { ...this.#details, usage };
    const { outcome } = run;
    const how = outcome.exitSignal ? `signal ${outcome.exitSignal}` : `code ${outcome.exitCode}`;
    this.#log(
      `Agent ended with ${how} after ${formatDuration(outcome.durationMs)}; ${formatUsage(usage) ?? 'no usage reported'}`,
    );
    if (run.hiddenConfig.length > 0)
      this.#log(`Hid repository config from the agent: ${run.hiddenConfig.join(', ')}`);
    return run;
  }

  /** Decides from the branch whether the agent did the work; throws the failure when it did not. */
  async #checkAgentResult(worktree: Worktree, run: AgentRun): Promise<{ warnings: readonly string[] }> {
    if (run.outcome.stoppedBy === 'aborted' || this.#ctx.signal.aborted) this.#ctx.signal.throwIfAborted();
    const stoppedEarly = run.outcome.spawnError !== null || run.outcome.stoppedBy !== null;
    const changes = stoppedEarly
      ? { commits: [], uncommitted: false }
      : await branchChanges(worktree.path, this.#deps.workspaces.gitEnv, worktree.baseSha, this.#signal);
    if (!stoppedEarly) {
      const dirty = changes.uncommitted ? ' and uncommitted changes' : '';
      this.#log(`Branch has ${changes.commits.length} new commit(s)${dirty}`);
    }
    const verdict = judgeAgentRun({
      outcome: run.outcome,
      report: run.report,
      commits: changes.commits.length,
      uncommitted: changes.uncommitted,
      limits: this.#deps.limits,
    });
    if (verdict.kind === 'stopped') this.#ctx.signal.throwIfAborted();
    if (verdict.kind === 'retry' || verdict.kind === 'permanent')
      throw new JobFailure(verdict.kind, verdict.reason);
    return { warnings: verdict.kind === 'publish' ? verdict.warnings : [] };
  }

  /** Tells the issue why the job failed, when it will not be retried. Best effort. */
  async #reportFailure(result: Extract<JobResult, { kind: 'retry' | 'permanent' }>): Promise<void> {
    if (!this.#verified) return;
    if (result.kind === 'retry' && !this.#ctx.isLastAttempt) return;
    try {
      const repository = parseRepository(this.#ctx.message.repository);
      const body = failureComment({
        reason: result.reason,
        logTail: this.#ctx.log.tail(40),
        jobId: this.#ctx.jobId,
      });
      const commented = await this.#deps.forge.comment(
        repository,
        this.#ctx.message.issue_number,
        this.#redact(body),
        this.#ctx.signal,
      );
      if (commented) this.#log(`Reported the failure on issue #${this.#ctx.message.issue_number}`);
    } catch (error) {
      this.#log(`Could not report the failure on the issue: ${(error as Error).message}`);
    }
  }

  async #cleanUp(succeeded: boolean): Promise<void> {
    if (!this.#worktree) return;
    try {
      await this.#deps.workspaces.release(this.#worktree, { keep: !succeeded });
      if (!succeeded) this.#log(`Kept the worktree for inspection: ${this.#worktree.path}`);
    } catch (error) {
      this.#log(`Could not clean up the worktree: ${(error as Error).message}`);
    }
  }

  #phase(phase: JobPhase, text: string): void {
    this.#ctx.setPhase(phase);
    this.#log(text);
  }

  #log(text: string): void {
    this.#ctx.log.write('system', this.#redact(text));
  }

  #redact(text: string): string {
    return this.#deps.redactor.redact(text);
  }
}
