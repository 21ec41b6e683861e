/**
 * One message being worked on: its latest delivery, lease, abort controller, log and phases, and the
 * JobView the snapshot shows. The JobPool drives it; this file holds no SQS calls.
 *
 * A job holds its slot from launch until BOTH its message is settled and its runJob promise has
 * ended: a job that ignores its stop signal has its message settled without it, but keeps the slot
 * (and the message id) until it really stops, so the message never runs twice here at once.
 */
import type { LogStream, PhaseTiming } from '../../../shared/records.ts';
import type { IssueRef, JobPhase, JobView, ReviewRoundRef } from '../../../shared/snapshot.ts';
import { isReviewTask, taskSummary, type TaskMessage } from '../../../shared/task-message.ts';
import type { JobContext, JobLog, StopReason } from '../jobs/job.ts';
import type { ReceivedMessage } from '../queue/received-message.ts';
import type { Lease } from './lease.ts';
import type { Settlement } from './settlement/decide.ts';

export interface RunningJobInit {
  readonly jobId: string;
  readonly message: ReceivedMessage;
  readonly task: TaskMessage;
  readonly isLastAttempt: boolean;
  readonly startedAt: number;
  readonly log: JobLog;
  readonly now: () => number;
}

export class RunningJob {
  readonly jobId: string;
  readonly task: TaskMessage;
  issue: IssueRef;
  readonly startedAt: number;
  readonly log: JobLog;
  readonly controller = new AbortController();
  /** The newest delivery of the message: a redelivery we adopt replaces it (receipt, receive count). */
  message: ReceivedMessage;
  /** Whether a retryable failure of the newest delivery would be its last. */
  isLastAttempt: boolean;
  lease: Lease | null = null;
  stopReason: StopReason | null = null;
  leaseLost = false;
  /** Settling has begun (by the job's own end, or because it did not stop when told to). */
  settling = false;
  /** The message is settled on the queue; `settlement` says how. */
  settled = false;
  settlement: Settlement | null = null;
  /** The runJob promise has ended. */
  finished = false;
  /** Deliveries that came while settling: they get the same fate once the settle is applied. */
  readonly redeliveries: ReceivedMessage[] = [];
  /** Deliveries to release once the job really ends (it is still running after its message settled). */
  readonly heldRedeliveries: ReceivedMessage[] = [];
  abandonTimer: { cancel(): void } | null = null;
  /** For a review round: its pull request, and its round number once the job learned it. */
  review: ReviewRoundRef | null;
  /** A heartbeat's "still wanted?" question is on the wire. */
  rechecking = false;
  /** What the snapshot says in place of the stop reason, once there is more to say. */
  note: string | null = null;
  /** Called once the message is settled and the job recorded. */
  onSettled: (() => void) | null = null;
  readonly #now: () => number;
  #phase: JobPhase = 'received';
  readonly #marks: { phase: JobPhase; at: number }[];

  constructor(init: RunningJobInit) {
    this.jobId = init.jobId;
    this.task = init.task;
    this.issue = {
      repository: init.task.repository,
      number: init.task.issue_number,
      title: taskSummary(init.task),
    };
    this.review = isReviewTask(init.task) ? { pullNumber: init.task.pull_number, round: null } : null;
    this.isLastAttempt = init.isLastAttempt;
    this.startedAt = init.startedAt;
    this.log = init.log;
    this.message = init.message;
    this.#now = init.now;
    this.#marks = [{ phase: 'received', at: init.startedAt }];
  }

  get messageId(): string {
    return this.message.messageId;
  }

  /** The newest receipt handle. */
  get receipt(): string {
    return this.message.receiptHandle;
  }

  get receiveCount(): number {
    return this.message.receiveCount;
  }

  get phase(): JobPhase {
    return this.#phase;
  }

  /** Returns false when the phase did not change. */
  setPhase(phase: JobPhase): boolean {
    if (phase === this.#phase || (this.settling && phase !== 'settling')) return false;
    this.#phase = phase;
    this.#marks.push({ phase, at: this.#now() });
    return true;
  }

  /** Aborts the job with the reason; the first reason wins. Returns false if it was already stopped. */
  stop(reason: StopReason): boolean {
    if (this.stopReason) return false;
    this.stopReason = reason;
    this.controller.abort(reason);
    return true;
  }

  /**
   * A job already stopping for another reason is discarded instead: its message will be quarantined
   * rather than released. The signal keeps its first reason (the job only needs to stop).
   */
  discard(reason: StopReason): void {
    this.stopReason = reason;
  }

  /** How long each phase took, the last one up to `endedAt`. */
  phaseTimings(endedAt: number): PhaseTiming[] {
    return this.#marks.map((mark, i) => ({
      phase: mark.phase,
      ms: Math.max(0, (this.#marks[i + 1]?.at ?? endedAt) - mark.at),
    }));
  }

  context(onPhase: (phase: JobPhase) => void, onReview?: () => void): JobContext {
    return {
      jobId: this.jobId,
      messageId: this.messageId,
      message: this.task,
      receiveCount: this.receiveCount,
      isLastAttempt: this.isLastAttempt,
      signal: this.controller.signal,
      log: this.log,
      setPhase: onPhase,
      setReview: (review, issue) => {
        if (!this.review) return;
        this.review = review;
        if (issue) this.issue = issue;
        onReview?.();
      },
    };
  }

  view(): JobView {
    const lease = this.lease?.view() ?? {
      expiresAt: new Date(this.startedAt).toISOString(),
      nextHeartbeatAt: null,
      healthy: false,
    };
    return {
      jobId: this.jobId,
      messageId: this.messageId,
      issue: this.issue,
      phase: this.#phase,
      startedAt: new Date(this.startedAt).toISOString(),
      receiveCount: this.receiveCount,
      lease,
      stopping: this.note ?? this.stopReason?.message ?? null,
      ...(this.review ? { review: this.review } : {}),
    };
  }
}

/**
 * The job's log as the worker uses it: best effort. A write or close that fails (a full disk) is
 * dropped, so it can neither fail the job nor break settling.
 */
export function bestEffortJobLog(log: JobLog): JobLog {
  return {
    path: log.path,
    write(stream: LogStream, text: string) {
      try {
        log.write(stream, text);
      } catch {
        // The line is lost; the message's fate does not depend on it.
      }
    },
    tail(n: number) {
      try {
        return log.tail(n);
      } catch {
        return [];
      }
    },
    async close() {
      try {
        await log.close();
      } catch {
        // As above.
      }
    },
  };
}

/** A log that keeps nothing, for when the journal cannot open one: the job still runs. */
export function discardingJobLog(): JobLog {
  const lines: string[] = [];
  return {
    path: null,
    write(_stream: LogStream, text: string) {
      lines.push(text);
      if (lines.length > 200) lines.shift();
    },
    tail: (n: number) => lines.slice(-n),
    close: async () => {},
  };
}
