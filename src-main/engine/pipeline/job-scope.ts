/**
 * What the steps of one job share: the pipeline's collaborators (PipelineDeps, completed with
 * defaults), the job's context, and its log. The steps are plain functions over this scope
 * (agent-step.ts, publish.ts, failure-report.ts); pipeline.ts runs them in order.
 */
import type { WorkerConfig } from '../config/worker-config.ts';
import type { GitHubClient } from '../github/github-client.ts';
import type { JobContext, JobDetails } from '../ports/job.ts';
import type { SandboxSupport } from '../agent/sandbox/detect.ts';
import type { Clock } from '../ports/clock.ts';
import type { Redactor } from '../security/redact.ts';
import type { JobSpend } from '../spend/job-spend.ts';
import type { ApprovalGate } from './approval/approval-board.ts';
import type { GitIdentity, Workspaces } from '../workspace/workspaces.ts';
import type { Forge } from './forge.ts';
import type { ReviewForge } from './review-round/review-forge.ts';

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
   * it; the agent gets an allowlisted part (AGENT_ENV_ALLOWLIST: basics and model API keys) and a
   * HOME of its own in the job folder.
   */
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly clock?: Clock;
  /** A ready GitHub client. Default: createGitHubClient({ token, apiUrl: config.github.apiUrl }). */
  readonly github?: GitHubClient;
  /** Where issues and pull requests live. Default: GitHub through `github`. The sandbox brings its own. */
  readonly forge?: Forge;
  /** What review rounds ask of GitHub. Default: GitHub through `github`; none with a forge but no client. */
  readonly reviewForge?: ReviewForge;
  /** Author and committer of the agent's and the worker's commits. */
  readonly gitIdentity?: GitIdentity;
  readonly limits?: PipelineLimits;
  /** Failed jobs' worktrees kept for inspection. Default 3. */
  readonly keepFailedWorktrees?: number;
  /** Upper bound on the prompt file's size in characters. Default 100,000. */
  readonly promptMaxChars?: number;
  /** Where a job waits for Push / Discard / Retry when config.approveBeforePush is on. */
  readonly approvals?: ApprovalGate;
  /**
   * What is left of today's spend limit (US dollars) when a job starts, or null for no limit:
   * the job's own cap is the lower of it and limits.perJobUsd. Default: no daily limit.
   */
  readonly dailyBudgetUsd?: () => number | null;
  /** The machine's OS sandbox. Default: detected once, on the first job that needs it. */
  readonly sandbox?: () => Promise<SandboxSupport>;
}

export interface JobDeps extends PipelineDeps {
  readonly clock: Clock;
  readonly forge: Forge;
  readonly workspaces: Workspaces;
  readonly limits: Required<PipelineLimits>;
  readonly identity: GitIdentity;
  readonly sandbox: () => Promise<SandboxSupport>;
}

export interface JobScope {
  readonly ctx: JobContext;
  readonly deps: JobDeps;
  /** Fires when the job is stopped or reaches its time limit: bounds every git and GitHub call. */
  readonly signal: AbortSignal;
  readonly jobDir: string;
  readonly branch: string;
  /** The agent for this job: the configured one, with the model a retry named (message or gate). */
  agent: WorkerConfig['agent'];
  /** The job's spend across its agent rounds, with its cap. */
  readonly spend: JobSpend;
  /** When the job started (clock ms). */
  readonly started: number;
  /** Working time left before the job's limit (time held at the approval gate not counted). */
  remainingMs(): number;
  /** Holds the job's time limit (while waiting for the user); call the result to go on. */
  holdDeadline(): () => void;
  /** The job's details so far. */
  details(): JobDetails;
  /** Adds to the job's details (usage, pull request URL). */
  addDetails(details: JobDetails): void;
  /** A 'system' line in the job log: the worker's own words, redacted. */
  log(text: string): void;
  redact(text: string): string;
}
