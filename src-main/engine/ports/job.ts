/**
 * The contract between the queue consumer and the work it runs. The consumer owns the message
 * (lease, heartbeats, settle); a job only does the work and says how it ended.
 */
import type { AgentUsage, JobRecord } from '../../../shared/job-record.ts';
import type { IssueRef, JobPhase, ReviewRoundRef } from '../../../shared/snapshot.ts';
import type { LogStream } from '../../../shared/log-line.ts';
import type { TaskMessage } from '../../../shared/task-message.ts';
import type { CancelDisposition } from '../../../shared/bridge.ts';

/** Where a job writes its log: each call is one line (no trailing newline). */
export interface JobLogWriter {
  write(stream: LogStream, text: string): void;
  /** The last lines written (already redacted), for failure comments. */
  tail(lines: number): readonly string[];
  readonly path: string | null;
}

export interface JobContext {
  readonly jobId: string;
  readonly messageId: string;
  readonly message: TaskMessage;
  /** ApproximateReceiveCount of this delivery (1 on the first). */
  readonly receiveCount: number;
  /** True when a retryable failure now would send the message to the DLQ instead of retrying. */
  readonly isLastAttempt: boolean;
  /**
   * Aborted when the user cancels, the lease is lost, the 12 h cap nears, or the worker stops.
   * `signal.reason` is a StopReason. A job must stop promptly and never publish after this fires.
   */
  readonly signal: AbortSignal;
  readonly log: JobLogWriter;
  /** Report progress; shown in the snapshot and timed in the job's history record. */
  setPhase(phase: JobPhase): void;
  /**
   * A review round reports its pull request and round number once GitHub confirmed them, with its
   * issue as GitHub names it (until then the snapshot shows the request's text).
   */
  setReview?(review: ReviewRoundRef, issue?: IssueRef): void;
}

export interface JobDetails {
  readonly issue?: IssueRef;
  readonly prUrl?: string;
  readonly branch?: string;
  readonly model?: string;
  readonly usage?: AgentUsage;
  readonly review?: ReviewRoundRef;
  /** The repository's checks before push, when it has any. */
  readonly checks?: 'passed' | 'failed';
  /** The maintainer's note the job worked with (retry with a note). */
  readonly note?: string;
  /** Set when the branch was pushed but no pull request was opened: why, and where the branch is. */
  readonly noPullRequest?: string;
}

/**
 * How a job ended, which decides what happens to its message:
 * - success: delete it (and notify);
 * - noop: delete it without work (issue closed, label removed, duplicate delivery);
 * - retry: make it visible again after a backoff; the redrive policy moves it to the DLQ eventually;
 * - permanent: quarantine it in the DLQ with the reason;
 * - release: make it visible again at once, with the reason (e.g. nobody approved the push in time).
 */
export type JobResult =
  | { readonly kind: 'success'; readonly details: JobDetails }
  | {
      readonly kind: 'noop';
      readonly reason: string;
      /** 'duplicate': the work exists already (an open PR); 'cancelled-upstream' (default): the issue no longer asks for it. */
      readonly why?: 'duplicate' | 'cancelled-upstream' | 'no-changes';
      readonly details?: JobDetails;
    }
  | { readonly kind: 'retry'; readonly reason: string; readonly details?: JobDetails }
  | { readonly kind: 'permanent'; readonly reason: string; readonly details?: JobDetails }
  | { readonly kind: 'release'; readonly reason: string; readonly details?: JobDetails };

/**
 * Asks upstream whether a running task is still wanted: null when it is, else why not (the issue
 * was closed, its label removed, the pull request closed). Throws when it cannot tell.
 */
export type StillWanted = (task: TaskMessage, signal: AbortSignal) => Promise<string | null>;

/**
 * Runs one job. `stillWanted`, when the runner has one, is asked with the lease's heartbeats:
 * work nobody wants any more is stopped before it spends more, and its message is deleted.
 */
export type JobRunner = ((context: JobContext) => Promise<JobResult>) & {
  readonly stillWanted?: StillWanted;
};

/** Why a running job was told to stop (the AbortSignal's reason). */
export interface StopReason {
  readonly kind:
    | 'cancelled'
    | 'lease-lost'
    | 'visibility-cap'
    | 'shutdown'
    | 'pause-stop-now'
    /** The heartbeat's re-check found the issue closed, its label removed, or the pull request closed. */
    | 'dropped-upstream';
  readonly message: string;
  /** For 'cancelled': put the message back, or quarantine it. 'delete': the work is no longer wanted (dropped upstream). */
  readonly disposition: CancelDisposition | 'delete';
}

export function isStopReason(value: unknown): value is StopReason {
  return typeof value === 'object' && value !== null && 'kind' in value && 'disposition' in value;
}

/** A job's log as the consumer holds it: written by the job, closed by the consumer when it settles. */
export interface JobLog extends JobLogWriter {
  /** Flushes pending lines to the file and the event stream. */
  close(): Promise<void>;
}

/** Where job logs and job history live (src-main/engine/journal/ implements it on disk). */
export interface JobJournal {
  openLog(jobId: string): JobLog;
  record(record: JobRecord): Promise<void>;
}
