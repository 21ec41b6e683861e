/** Plain, immutable records the engine keeps and the UI lists: job history, DLQ items, log lines. */
import type { IssueRef, JobPhase, ReviewRoundRef } from './snapshot.ts';

export type JobOutcome =
  | 'succeeded'
  | 'duplicate'
  | 'cancelled-upstream'
  | 'released'
  | 'retrying'
  | 'failed'
  | 'quarantined'
  /** The work is done and its branch pushed, but no pull request was opened (the sandbox has no GitHub); the reason says why and where the branch is. */
  | 'pushed'
  /** A review round whose agent changed nothing: answered so on the pull request, not retried. */
  | 'no-changes';

export interface PhaseTiming {
  readonly phase: JobPhase;
  readonly ms: number;
}

export interface AgentUsage {
  readonly tokensSent: number | null;
  readonly tokensReceived: number | null;
  /** The session cost Aider reported, in US dollars. */
  readonly costUsd: number | null;
}

export interface JobRecord {
  readonly jobId: string;
  readonly messageId: string;
  readonly issue: IssueRef | null;
  readonly outcome: JobOutcome;
  /** Human-readable why, for every outcome but success. */
  readonly reason: string | null;
  readonly prUrl: string | null;
  readonly branch: string | null;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly phases: readonly PhaseTiming[];
  readonly model: string | null;
  readonly usage: AgentUsage | null;
  readonly receiveCount: number;
  readonly logFile: string | null;
  /** Set for a review round: its pull request and round number. */
  readonly review?: ReviewRoundRef;
  /** The repository's checks before push (issue #14), when it has any. */
  readonly checks?: 'passed' | 'failed';
  /** The maintainer's note the job worked with (retry with a note). */
  readonly note?: string;
}

export interface DlqItem {
  readonly messageId: string;
  readonly issue: IssueRef | null;
  /** First characters of the body, for messages that are not valid tasks. */
  readonly summary: string;
  /** The quarantine reason the worker attached, or null when SQS's redrive put it there. */
  readonly reason: string | null;
  readonly sourceMessageId: string | null;
  readonly receiveCount: number;
  /** When the message was first sent (SQS keeps the original time in the DLQ). */
  readonly sentAt: string | null;
}

export type LogStream = 'stdout' | 'stderr' | 'system';

export interface LogLine {
  /** 1-based line number within the job's log. */
  readonly n: number;
  readonly at: string;
  readonly stream: LogStream;
  readonly text: string;
}

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface DoctorCheck {
  readonly id: string;
  readonly title: string;
  readonly status: CheckStatus;
  readonly detail: string;
  /** What to do about a warn or fail. */
  readonly fix: string | null;
}

export type NoticeKind = 'pr-opened' | 'round-pushed' | 'job-failed' | 'dlq-item' | 'approval-needed';

/** Something the user should hear about: the Electron shell shows it as a native notification. */
export interface Notice {
  readonly kind: NoticeKind;
  /** What it is about, e.g. "octo/app#12", so the shell can word the title in the user's language. */
  readonly subject: string | null;
  /** English title, for places without the catalogue (logs, `run`). */
  readonly title: string;
  readonly body: string;
  readonly url: string | null;
  readonly jobId: string | null;
  /** For 'round-pushed': which pull request, which round. */
  readonly review?: ReviewRoundRef;
}
