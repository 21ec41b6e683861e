/**
 * One message being worked on: its latest delivery, lease, abort controller, log and phases, and the
 * JobView the snapshot shows. The JobPool drives it; this file holds no SQS calls.
 *
 * A job holds its slot from launch until BOTH its message is settled and its runJob promise has
 * ended: a job that ignores its stop signal has its message settled without it, but keeps the slot
 * (and the message id) until it really stops, so the message never runs twice here at once.
 */
import type { PhaseTiming } from '../../../shared/job-record.ts';
import type { LogStream } from '../../../shared/log-line.ts';
import type { IssueRef, JobPhase, JobView, ReviewRoundRef } from '../../../shared/snapshot.ts';
import { isReviewTask, taskSummary, type TaskMessage } from '../../../shared/task-message.ts';
import type { JobContext, JobLog, StopReason } from '../ports/job.ts';
import type { ReceivedMessage } from '../queue/message-delivery.ts';
import type { Lease } from './lease.ts';
import type { Settlement } from './settlement/decide.ts';

/** What is known about a job whatever its stage: why it was stopped, and whether its lease was lost. */
interface LifecycleFacts {
  readonly stop: StopReason | null;
  readonly leaseLost: boolean;
}

/**
 * A job's life, one stage at a time. 'running': its runJob works and its message is held;
 * 'settling': its message is being settled (`finished`: runJob has ended already); 'outliving': the
 * message is settled but the job ignored its stop and still runs (it keeps its slot); 'ended': settled
 * and finished (`outlived`: it had outlived its message).
 */
export type JobLifecycle = LifecycleFacts &
  (
    | { readonly kind: 'running' }
    | { readonly kind: 'settling'; readonly finished: boolean }
    | { readonly kind: 'outliving'; readonly settlement: Settlement }
    | { readonly kind: 'ended'; readonly settlement: Settlement; readonly outlived: boolean }
  );

export type LifecycleEvent =
  | { readonly kind: 'stop'; readonly reason: StopReason }
  | { readonly kind: 'discard'; readonly reason: StopReason }
  | { readonly kind: 'lease-lost' }
  /** Settling starts while runJob still runs (the job did not stop in time). */
  | { readonly kind: 'settle' }
  /** runJob has ended (settling starts now unless it already has). */
  | { readonly kind: 'finish' }
  | { readonly kind: 'settled'; readonly settlement: Settlement };

/** What the snapshot says in place of the stop reason for a job that outlived its message. */
export const OUTLIVED_NOTE =
  'did not stop when told to: its message is settled, its slot stays taken until it ends';

/**
 * The one place a job's lifecycle changes. Returns the same object when the event changes nothing
 * (a second stop, a settle already under way), so callers can tell whether it took effect.
 */
export function reduceLifecycle(state: JobLifecycle, event: LifecycleEvent): JobLifecycle {
  const facts = { stop: state.stop, leaseLost: state.leaseLost };
  switch (event.kind) {
    case 'stop':
      return state.kind === 'running' && !state.stop ? { ...state, stop: event.reason } : state;
    case 'discard':
      return state.kind === 'running' ? { ...state, stop: event.reason } : state;
    case 'lease-lost':
      return state.leaseLost ? state : { ...state, leaseLost: true };
    case 'settle':
      return state.kind === 'running' ? { ...facts, kind: 'settling', finished: false } : state;
    case 'finish':
      if (state.kind === 'running' || (state.kind === 'settling' && !state.finished))
        return { ...facts, kind: 'settling', finished: true };
      if (state.kind === 'outliving')
        return { ...facts, kind: 'ended', settlement: state.settlement, outlived: true };
      return state;
    case 'settled':
      if (state.kind !== 'settling') return state;
      return state.finished
        ? { ...facts, kind: 'ended', settlement: event.settlement, outlived: false }
        : { ...facts, kind: 'outliving', settlement: event.settlement };
  }
}

function outlived(state: JobLifecycle): boolean {
  return state.kind === 'outliving' || (state.kind === 'ended' && state.outlived);
}

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
  /** Deliveries that came while settling: they get the same fate once the settle is applied. */
  readonly redeliveries: ReceivedMessage[] = [];
  /** Deliveries to release once the job really ends (it is still running after its message settled). */
  readonly heldRedeliveries: ReceivedMessage[] = [];
  abandonTimer: { cancel(): void } | null = null;
  /** For a review round: its pull request, and its round number once the job learned it. */
  review: ReviewRoundRef | null;
  /** A heartbeat's "still wanted?" question is on the wire. */
  rechecking = false;
  /** Resolves once the message is settled and the job recorded (see recorded()). */
  readonly whenRecorded: Promise<void>;
  #recorded!: () => void;
  #state: JobLifecycle = { kind: 'running', stop: null, leaseLost: false };
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
    this.whenRecorded = new Promise<void>((resolve) => (this.#recorded = resolve));
  }

  /** Where the job is in its life; changed only through the transitions below (reduceLifecycle). */
  get state(): JobLifecycle {
    return this.#state;
  }

  get stopReason(): StopReason | null {
    return this.#state.stop;
  }

  get leaseLost(): boolean {
    return this.#state.leaseLost;
  }

  /** Settling has begun (by the job's own end, or because it did not stop when told to), or is done. */
  get settlingBegun(): boolean {
    return this.#state.kind !== 'running';
  }

  /** How the message was settled; null until it is. */
  get settlement(): Settlement | null {
    return this.#state.kind === 'outliving' || this.#state.kind === 'ended' ? this.#state.settlement : null;
  }

  /** The runJob promise has ended. */
  get finished(): boolean {
    const state = this.#state;
    return (state.kind === 'settling' && state.finished) || state.kind === 'ended';
  }

  #apply(event: LifecycleEvent): boolean {
    const next = reduceLifecycle(this.#state, event);
    if (next === this.#state) return false;
    this.#state = next;
    return true;
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
    if (phase === this.#phase || (this.settlingBegun && phase !== 'settling')) return false;
    this.#phase = phase;
    this.#marks.push({ phase, at: this.#now() });
    return true;
  }

  /**
   * Aborts the job with the reason; the first reason wins. Returns false (and aborts nothing) if it
   * was already stopped or its settling has begun.
   */
  stop(reason: StopReason): boolean {
    if (!this.#apply({ kind: 'stop', reason })) return false;
    this.controller.abort(reason);
    return true;
  }

  /**
   * A job already stopping for another reason is discarded instead: its message will be quarantined
   * rather than released. The signal keeps its first reason (the job only needs to stop).
   */
  discard(reason: StopReason): void {
    this.#apply({ kind: 'discard', reason });
  }

  /** The lease is lost (at any point, even while settling): its message must not be touched. */
  loseLease(): void {
    this.#apply({ kind: 'lease-lost' });
  }

  /** Settling begins while the job still runs (it did not stop). False if it had already begun. */
  beginSettling(): boolean {
    if (!this.#apply({ kind: 'settle' })) return false;
    this.abandonTimer?.cancel();
    return true;
  }

  /**
   * The runJob promise has ended. 'settle': settle its message now (settling has begun);
   * 'free': its message was already settled, free the slot; 'wait': a settle under way frees it.
   */
  finish(): 'settle' | 'free' | 'wait' {
    const before = this.#state.kind;
    this.#apply({ kind: 'finish' });
    if (before === 'running') {
      this.abandonTimer?.cancel();
      return 'settle';
    }
    return before === 'outliving' ? 'free' : 'wait';
  }

  /**
   * The message is settled. 'free': the job has ended too, free the slot; 'outliving': the job
   * still runs, its slot stays taken until it ends.
   */
  settled(settlement: Settlement): 'free' | 'outliving' {
    this.#apply({ kind: 'settled', settlement });
    return this.#state.kind === 'ended' ? 'free' : 'outliving';
  }

  /** The settled job is recorded in its history: whenRecorded resolves. */
  recorded(): void {
    this.#recorded();
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
      stopping: outlived(this.#state) ? OUTLIVED_NOTE : (this.#state.stop?.message ?? null),
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
