/**
 * One message being worked on: its latest receipt handle, lease, abort controller, log and phases,
 * and the JobView the snapshot shows. The Worker drives it; this file holds no SQS calls.
 */
import type { LogStream, PhaseTiming } from '../../../shared/records.ts';
import type { IssueRef, JobPhase, JobView } from '../../../shared/snapshot.ts';
import type { TaskMessage } from '../../../shared/task-message.ts';
import type { JobContext, JobLog, StopReason } from '../jobs/job.ts';
import type { ReceivedMessage } from '../queue/received-message.ts';
import type { Lease } from './lease.ts';

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
  readonly message: ReceivedMessage;
  readonly task: TaskMessage;
  readonly issue: IssueRef;
  readonly isLastAttempt: boolean;
  readonly startedAt: number;
  readonly log: JobLog;
  readonly controller = new AbortController();
  /** The newest receipt handle: a redelivery of the same message replaces it. */
  receipt: string;
  lease: Lease | null = null;
  stopReason: StopReason | null = null;
  leaseLost = false;
  /** The message was delivered to us again after the lease was lost: release that delivery. */
  redeliveredAfterLoss = false;
  /** Settling has begun (by the job's own end, or because it did not stop when told to). */
  settling = false;
  abandonTimer: { cancel(): void } | null = null;
  /** Called once the message is settled and the job recorded. */
  onSettled: (() => void) | null = null;
  readonly #now: () => number;
  #phase: JobPhase = 'received';
  readonly #marks: { phase: JobPhase; at: number }[];

  constructor(init: RunningJobInit) {
    this.jobId = init.jobId;
    this.message = init.message;
    this.task = init.task;
    this.issue = { repository: init.task.repository, number: init.task.issue_number, title: init.task.title };
    this.isLastAttempt = init.isLastAttempt;
    this.startedAt = init.startedAt;
    this.log = init.log;
    this.receipt = init.message.receiptHandle;
    this.#now = init.now;
    this.#marks = [{ phase: 'received', at: init.startedAt }];
  }

  get messageId(): string {
    return this.message.messageId;
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

  /** How long each phase took, the last one up to `endedAt`. */
  phaseTimings(endedAt: number): PhaseTiming[] {
    return this.#marks.map((mark, i) => ({
      phase: mark.phase,
      ms: Math.max(0, (this.#marks[i + 1]?.at ?? endedAt) - mark.at),
    }));
  }

  context(onPhase: (phase: JobPhase) => void): JobContext {
    return {
      jobId: this.jobId,
      messageId: this.messageId,
      message: this.task,
      receiveCount: this.receiveCount,
      isLastAttempt: this.isLastAttempt,
      signal: this.controller.signal,
      log: this.log,
      setPhase: onPhase,
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
      stopping: this.stopReason?.message ?? null,
    };
  }
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
