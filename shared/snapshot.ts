/**
 * The worker's state as the UI sees it. The engine publishes a fresh snapshot on every change;
 * the UI renders it and never derives worker state on its own.
 */

export type WorkerStatus =
  'starting' | 'idle' | 'polling' | 'running' | 'paused' | 'offline' | 'stopping' | 'stopped';

export type JobPhase =
  | 'received'
  | 'verifying'
  | 'checking-duplicates'
  | 'preparing-workspace'
  | 'running-agent'
  | 'running-checks'
  | 'awaiting-approval'
  | 'publishing'
  | 'settling';

/** Why work is paused; shown to the user ("Paused: on battery"). */
export type PauseReason = 'user' | 'battery' | 'suspend' | 'daily-limit' | 'sandbox-required';

/**
 * How the agent runs on this machine (issue #10), found once at app start: inside an OS sandbox,
 * unconfined (with why), or refused: `agent.sandbox` is "required" and there is no usable sandbox,
 * so the worker takes no message at all.
 */
export type ConfinementView =
  | { readonly kind: 'confined'; readonly by: 'bubblewrap' | 'seatbelt' }
  | { readonly kind: 'unconfined'; readonly reason: string }
  | { readonly kind: 'refused'; readonly reason: string };

const CONFINED_BY: readonly string[] = ['bubblewrap', 'seatbelt'];

/** Checks a confinement view that crossed a boundary; null when it is not one. */
export function parseConfinementView(value: unknown): ConfinementView | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.kind === 'confined' && typeof v.by === 'string' && CONFINED_BY.includes(v.by))
    return { kind: 'confined', by: v.by as 'bubblewrap' | 'seatbelt' };
  if ((v.kind === 'unconfined' || v.kind === 'refused') && typeof v.reason === 'string')
    return { kind: v.kind, reason: v.reason.slice(0, 500) };
  return null;
}

/** Today's spend against the daily limit (issue #14), in US dollars. */
export interface SpendView {
  readonly todayUsd: number;
  /** The daily limit, or null for none. */
  readonly perDayUsd: number | null;
}

export interface PauseState {
  readonly paused: boolean;
  readonly reason: PauseReason | null;
  /** ISO time at which a timed pause ends on its own; null = until resumed. */
  readonly until: string | null;
  readonly since: string | null;
}

export interface LeaseView {
  /** ISO time at which the message becomes visible again unless extended. */
  readonly expiresAt: string;
  readonly nextHeartbeatAt: string | null;
  /** False once a heartbeat failed: the job is being stopped. */
  readonly healthy: boolean;
}

export interface IssueRef {
  readonly repository: string;
  readonly number: number;
  readonly title: string;
}

/** A review round: the pull request it works on, and which round it is (null until GitHub told). */
export interface ReviewRoundRef {
  readonly pullNumber: number;
  /** 2 for the first review round (round 1 opened the pull request). */
  readonly round: number | null;
}

export interface JobView {
  readonly jobId: string;
  readonly messageId: string;
  readonly issue: IssueRef | null;
  readonly phase: JobPhase;
  readonly startedAt: string;
  readonly receiveCount: number;
  readonly lease: LeaseView;
  /** Set while the job is being cancelled or stopped, with why. */
  readonly stopping: string | null;
  /** Set for a review round. */
  readonly review?: ReviewRoundRef;
}

/** ApproximateNumberOfMessages* as SQS reports them: approximate by nature. */
export interface QueueCounts {
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
}

export interface QueueStats {
  readonly queue: QueueCounts | null;
  readonly dlq: QueueCounts | null;
  readonly updatedAt: string | null;
}

export interface ErrorView {
  readonly message: string;
  /** Stable code for the UI to pick a hint, e.g. 'credentials', 'network', 'queue-not-found'. */
  readonly code: string;
  readonly at: string;
}

export interface WorkerSnapshot {
  /** Increases with every snapshot so a client can drop stale ones. */
  readonly seq: number;
  readonly status: WorkerStatus;
  readonly queueUrl: string | null;
  readonly dlqUrl: string | null;
  readonly concurrency: number;
  readonly pause: PauseState;
  readonly jobs: readonly JobView[];
  readonly stats: QueueStats;
  readonly lastError: ErrorView | null;
  /** When the engine retries after an error (offline backoff). */
  readonly retryAt: string | null;
  /** Where issue and pull request links point (GITHUB_SERVER_URL); the app fills it in. */
  readonly githubServerUrl?: string;
  /** Today's spend and the daily limit; the app fills it in. */
  readonly spend?: SpendView;
  /** How the agent runs here (OS sandbox or unconfined); the app fills it in once it knows. */
  readonly confinement?: ConfinementView;
  /** True in `codingworker sandbox` (embedded queue, demo repository, no GitHub); absent elsewhere. */
  readonly sandbox?: boolean;
}

export const emptyStats: QueueStats = { queue: null, dlq: null, updatedAt: null };

export const notPaused: PauseState = { paused: false, reason: null, until: null, since: null };
