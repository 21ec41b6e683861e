/**
 * One review round from start to end: verify the issue and the request on GitHub
 * (verify-round.ts) → 👀 on the comment → a worktree on the pull request's current head → the
 * same work as a first round: the agent, sandboxed, within the spend limits, then the
 * repository's checks and the approval gate when they are set up (work-rounds.ts) → commit and
 * the same refusals as a first round (publish.ts) → re-check the pull request → push on top,
 * never a force (push-round.ts) → answer on the pull request (round-reply.ts).
 *
 * Results: closed pull requests or issues, edited requests, non-writers and answered requests are
 * no-ops (deleted); a round whose agent changed nothing is answered so and deleted ('no-changes',
 * not retried); a message that does not match GitHub is refused (DLQ); everything else fails like
 * a first round. A final failure is answered on the pull request, so a redelivery does nothing.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobPhase } from '../../../../shared/snapshot.ts';
import { issueBranchName, type ReviewTaskMessage } from '../../../../shared/task-message.ts';
import { parseRepository, type RepositoryRef } from '../../github/repository-ref.ts';
import type { VerifiedIssue } from '../../github/verify-issue.ts';
import type { JobContext, JobDetails, JobResult } from '../../ports/job.ts';
import type { Worktree } from '../../workspace/workspaces.ts';
import type { JobDeps, JobScope } from '../job-scope.ts';
import { JobDeadline } from '../job-deadline.ts';
import { newJobScope } from '../new-job-scope.ts';
import { classifyFailure, JobFailure } from '../job-failure.ts';
import { NO_CHANGES_REASON } from '../judge-agent-run.ts';
import { doWork } from '../work-rounds.ts';
import { pushRound } from './push-round.ts';
import type { ReviewForge } from './review-forge.ts';
import type { ChecksReport } from '../checks/run-checks.ts';
import { buildRoundPrompt } from './round-prompt.ts';
import { roundFailedReply, roundMarker, roundNoChangesReply } from './round-reply.ts';
import { verifyRound, type VerifiedRound } from './verify-round.ts';

export function runReviewRound(
  ctx: JobContext,
  task: ReviewTaskMessage,
  deps: JobDeps,
  review: ReviewForge | null,
): Promise<JobResult> {
  return new ReviewRound(ctx, task, deps, review).run();
}

class ReviewRound {
  readonly #ctx: JobContext;
  readonly #task: ReviewTaskMessage;
  readonly #deps: JobDeps;
  readonly #review: ReviewForge | null;
  readonly #scope: JobScope;
  readonly #deadline: JobDeadline;
  #details: JobDetails;
  #worktree: Worktree | null = null;
  #worktreeTrusted = true;
  /** Set once GitHub confirmed the round: only then may a failure be answered on the pull request. */
  #verified: { repository: RepositoryRef; round: number } | null = null;

  constructor(ctx: JobContext, task: ReviewTaskMessage, deps: JobDeps, review: ReviewForge | null) {
    this.#ctx = ctx;
    this.#task = task;
    this.#deps = deps;
    this.#review = review;
    const branch = issueBranchName(task.issue_number);
    this.#deadline = new JobDeadline(deps.clock, deps.limits.maxJobMs);
    const agent = deps.config.agent;
    this.#details = {
      branch,
      review: { pullNumber: task.pull_number, round: null },
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
      result = await this.#failed(error);
    }
    this.#deadline.dispose();
    await this.#cleanUp(result.kind === 'success' || result.kind === 'noop');
    this.#log(`Result: ${result.kind}${result.kind === 'success' ? '' : ` — ${result.reason}`}`);
    return result;
  }

  async #steps(): Promise<JobResult> {
    const task = this.#task;
    const scope = this.#scope;
    const { config, forge } = this.#deps;
    let repository: RepositoryRef;
    try {
      repository = parseRepository(task.repository);
    } catch (error) {
      throw new JobFailure('permanent', (error as Error).message);
    }
    const pr = `pull request #${task.pull_number}`;
    this.#phase(
      'verifying',
      `Verifying the review round on ${pr} (issue #${task.issue_number}) in ${repository.fullName}`,
    );
    if (!this.#review) {
      return this.#refused(`review rounds need GitHub; the ${forge.name} forge cannot answer them`);
    }
    const issueCheck = await forge.verifyIssue({
      repository,
      issueNumber: task.issue_number,
      allowlist: config.repositories,
      signal: scope.signal,
    });
    if (issueCheck.kind === 'noop') return this.#noop(issueCheck.reason, 'cancelled-upstream');
    if (issueCheck.kind === 'refused') return this.#refused(issueCheck.reason);
    const issue = issueCheck.issue;
    this.#details = {
      ...this.#details,
      issue: { repository: repository.fullName, number: task.issue_number, title: issue.title },
    };
    const checked = await verifyRound(this.#review, repository, task, scope.signal);
    if (checked.kind === 'noop') return this.#noop(checked.reason, checked.why);
    if (checked.kind === 'refused') return this.#refused(checked.reason);
    const round = checked.round;
    this.#verified = { repository, round: round.round };
    const ref = { pullNumber: task.pull_number, round: round.round };
    this.#details = { ...this.#details, review: ref, prUrl: round.pull.htmlUrl };
    this.#ctx.setReview?.(ref, this.#details.issue);
    this.#log(
      `Round ${round.round} on ${pr}: requested by ${round.author} (${round.authorRole} access)` +
        (round.inline.length > 0 ? ` with ${round.inline.length} inline comment(s)` : ''),
    );
    if (task.comment_type === 'issue_comment') await this.#react(repository);

    this.#phase(
      'preparing-workspace',
      `Fetching ${repository.fullName} and adding a worktree on ${scope.branch}`,
    );
    const worktree = await this.#deps.workspaces.prepare({
      repository,
      jobId: this.#ctx.jobId,
      branch: scope.branch,
      baseBranch: scope.branch,
      signal: scope.signal,
    });
    this.#worktree = worktree;
    for (const note of worktree.notes) this.#log(note);
    this.#log(`Worktree ${worktree.path} on the head of ${pr} at ${worktree.baseSha.slice(0, 12)}`);
    // The round runs the agent in the job's sandbox, within its spend limits, then the
    // repository's checks and the approval gate when they are set up (work-rounds.ts).
    let checks: { readonly report: ChecksReport | null; readonly rounds: number };
    try {
      const work = await doWork(scope, worktree, {
        issueTitle: issue.title,
        writePrompt: (note) => this.#writePrompt(repository, issue, round, note),
        trusted: (trusted) => {
          this.#worktreeTrusted = trusted;
        },
      });
      if (work.kind === 'result') return work.result;
      checks = work.checks;
    } catch (error) {
      if (error instanceof JobFailure && error.message === NO_CHANGES_REASON)
        return this.#noChanges(repository, round);
      throw error;
    }

    this.#phase('publishing', `Pushing round ${round.round} to ${pr}`);
    try {
      return await pushRound(scope, {
        repository,
        issue,
        worktree,
        round,
        task,
        review: this.#review,
        checks,
      });
    } catch (error) {
      if (error instanceof JobFailure && error.message.startsWith(NO_CHANGES_REASON))
        return this.#noChanges(repository, round);
      throw error;
    }
  }

  async #writePrompt(
    repository: RepositoryRef,
    issue: VerifiedIssue,
    round: VerifiedRound,
    note: string | null,
  ): Promise<string> {
    const prompt = buildRoundPrompt({
      note,
      repository: repository.fullName,
      issueNumber: this.#task.issue_number,
      issueTitle: issue.title,
      issueBody: issue.body,
      pullNumber: this.#task.pull_number,
      branch: this.#scope.branch,
      round: round.round,
      author: round.author,
      kind: this.#task.comment_type,
      request: round.body,
      inline: round.inline,
      maxChars: this.#deps.promptMaxChars ?? 100_000,
    });
    const jobDir = this.#scope.jobDir;
    await mkdir(jobDir, { recursive: true, mode: 0o700 });
    const file = join(jobDir, 'prompt.md');
    await writeFile(file, prompt, { mode: 0o600 });
    this.#log(`Prompt: ${prompt.length} characters, ${round.inline.length} inline comment(s) (${file})`);
    return file;
  }

  /** 👀 on the comment: its author sees the request was picked up. Best effort. */
  async #react(repository: RepositoryRef): Promise<void> {
    try {
      await this.#review?.react(repository, this.#task.comment_id, this.#scope.signal);
      this.#log(`Reacted 👀 to comment ${this.#task.comment_id}`);
    } catch (error) {
      this.#log(`Could not react to comment ${this.#task.comment_id}: ${(error as Error).message}`);
    }
  }

  async #noChanges(repository: RepositoryRef, round: VerifiedRound): Promise<JobResult> {
    const reason = `round ${round.round} on pull request #${this.#task.pull_number}: the agent made no changes`;
    this.#log(`Nothing to push: ${reason}`);
    await this.#reply(repository, roundNoChangesReply(round.round, this.#marker()));
    return { kind: 'noop', reason, why: 'no-changes', details: this.#details };
  }

  async #failed(error: unknown): Promise<JobResult> {
    const failure = classifyFailure(error, this.#ctx.signal, this.#deadline.signal);
    this.#log(`${failure.kind === 'retry' ? 'Failed (will retry)' : 'Failed'}: ${failure.reason}`);
    const final = failure.kind === 'permanent' || this.#ctx.isLastAttempt;
    if (!failure.stopped && final && this.#verified) {
      const { repository, round } = this.#verified;
      const body = roundFailedReply(round, failure.reason, this.#ctx.jobId, this.#marker());
      await this.#reply(repository, body);
    }
    return { kind: failure.kind, reason: failure.reason, details: this.#details };
  }

  /** Answers on the pull request. Best effort: the work is done or failed either way. */
  async #reply(repository: RepositoryRef, body: string): Promise<void> {
    try {
      const pr = this.#task.pull_number;
      if (await this.#deps.forge.comment(repository, pr, this.#scope.redact(body), this.#ctx.signal)) {
        this.#log(`Replied on pull request #${pr}`);
      }
    } catch (error) {
      this.#log(`Could not reply on the pull request: ${(error as Error).message}`);
    }
  }

  #marker(): string {
    return roundMarker(this.#task.comment_type, this.#task.comment_id);
  }

  #noop(reason: string, why: 'duplicate' | 'cancelled-upstream'): JobResult {
    this.#log(`Nothing to do: ${reason}`);
    return { kind: 'noop', reason, why, details: this.#details };
  }

  #refused(reason: string): JobResult {
    this.#log(`Refused: ${reason}`);
    return { kind: 'permanent', reason, details: this.#details };
  }

  async #cleanUp(succeeded: boolean): Promise<void> {
    if (!this.#worktree) return;
    const discard = !this.#worktreeTrusted;
    try {
      await this.#deps.workspaces.release(this.#worktree, { keep: !succeeded && !discard, discard });
      if (discard) this.#log(`Deleted the worktree (it can no longer be trusted): ${this.#worktree.path}`);
      else if (!succeeded) this.#log(`Kept the worktree for inspection: ${this.#worktree.path}`);
    } catch (error) {
      this.#log(`Could not clean up the worktree: ${(error as Error).message}`);
    }
  }

  #phase(phase: JobPhase, text: string): void {
    this.#ctx.setPhase(phase);
    this.#log(text);
  }

  #log(text: string): void {
    this.#ctx.log.write('system', this.#deps.redactor.redact(text));
  }
}
