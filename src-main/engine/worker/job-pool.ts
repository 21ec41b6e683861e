/**
 * The running jobs: one slot per message, each with its own lease and heartbeat. Launches a job for
 * a received message, stops jobs (cancel, lost lease, 12 h cap, pause, shutdown), and settles each
 * message exactly once when its job ends — or when a job told to stop does not, after a while. A
 * slot (and its message id) stays taken until the job has really ended; any delivery of a message
 * whose slot is taken is adopted, or given the same fate as the message (settlement/settle-job.ts).
 */
import { randomUUID } from 'node:crypto';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { JobView } from '../../../shared/snapshot.ts';
import { parseTaskMessage } from '../../../shared/task-message.ts';
import { heartbeatMs, type WorkerConfig } from '../config/worker-config.ts';
import type { JobJournal, JobLog, JobResult, JobRunner, StopReason } from '../ports/job.ts';
import type { Clock } from '../ports/clock.ts';
import { changeVisibility } from '../queue/change-visibility.ts';
import type { ReceivedMessage } from '../queue/message-delivery.ts';
import { errorMessage } from '../queue/sqs-errors.ts';
import { withDeadline } from '../support/deadline.ts';
import type { Redactor } from '../security/redact.ts';
import { JobSettling } from './settlement/settle-job.ts';
import { Lease } from './lease.ts';
import { bestEffortJobLog, discardingJobLog, RunningJob } from './running-job.ts';
import { CANCELLED_BY_USER, type JobEnd } from './settlement/decide.ts';
import type { Settler } from './settlement/settler.ts';
import type { WorkerTimings } from './worker-options.ts';

export interface JobPoolOptions {
  readonly client: SQSClient;
  readonly config: Pick<WorkerConfig, 'queueUrl' | 'leaseSeconds' | 'heartbeatSeconds'>;
  readonly runJob: JobRunner;
  readonly journal: JobJournal;
  readonly settler: Settler;
  readonly clock: Clock;
  readonly redactor: Redactor;
  readonly timings: Pick<WorkerTimings, 'abandonAfterMs' | 'maxHeartbeatFailures' | 'callTimeoutMs'>;
  /** The queue's maxReceiveCount, once known: decides isLastAttempt. */
  maxReceiveCount(): number | null;
  onJobChanged(job: JobView): void;
  /** A slot is free again. */
  onJobRemoved(jobId: string): void;
  /** Work stop() must wait for. */
  track(work: Promise<unknown>): void;
}

export class JobPool {
  readonly #options: JobPoolOptions;
  readonly #jobs = new Map<string, RunningJob>();
  readonly #byMessage = new Map<string, RunningJob>();
  readonly #settling: JobSettling;

  constructor(options: JobPoolOptions) {
    this.#options = options;
    this.#settling = new JobSettling({
      settler: options.settler,
      clock: options.clock,
      callTimeoutMs: options.timings.callTimeoutMs,
      publish: (job) => this.#publish(job),
      free: (job) => this.#free(job),
      track: options.track,
    });
  }

  /** Slots taken: running jobs, including ones whose message is settled but which have not ended. */
  get size(): number {
    return this.#jobs.size;
  }

  /**
   * Takes a received message: a delivery of a message whose slot is taken is adopted or settled
   * like it, one whose lease is (nearly) over already is put back, an invalid body is quarantined
   * without running, anything else starts a job. `sentAt` is when the ReceiveMessage was sent: the
   * lease and the 12 h cap count from there.
   */
  accept(message: ReceivedMessage, sentAt: number): void {
    const holder = this.#byMessage.get(message.messageId);
    if (holder) {
      this.#redelivered(holder, message, sentAt);
      return;
    }
    const { clock, config } = this.#options;
    // A response that came in late (after a watchdog gave up on it) may carry a lease that is over or
    // nearly so: the job would start without the time to send its first heartbeat.
    if (sentAt + config.leaseSeconds * 1000 - clock.now() < heartbeatMs(config) / 2) {
      this.giveBack(message);
      return;
    }
    const jobId = randomUUID();
    const parsed = parseTaskMessage(message.body);
    if (!parsed.ok) {
      this.#options.track(this.#options.settler.settleInvalid(jobId, message, parsed.summary));
      return;
    }
    this.#launch(jobId, message, parsed.value, sentAt);
  }

  /** Puts a message we will not run straight back on the queue. */
  giveBack(message: ReceivedMessage): void {
    this.#options.track(this.#options.settler.applyToRedelivery({ kind: 'release' }, message.receiptHandle));
  }

  /** True when the message holds a slot here (its redelivery is taken even when no slot is free). */
  holds(messageId: string): boolean {
    return this.#byMessage.has(messageId);
  }

  /**
   * Cancels a job: 'release' puts its message back, 'discard' quarantines it. A job already stopping
   * for another reason can still be discarded. False when there is no such job, its message is
   * already being settled, or the request can no longer have its effect (a lost lease; a release
   * after a discard).
   */
  cancel(jobId: string, disposition: StopReason['disposition']): boolean {
    const job = this.#jobs.get(jobId);
    if (!job || job.settlingBegun) return false;
    const reason: StopReason = { kind: 'cancelled', message: CANCELLED_BY_USER, disposition };
    if (!job.stopReason) {
      this.#stop(job, reason);
      return true;
    }
    if (disposition === 'release') return job.stopReason.disposition === 'release';
    if (job.leaseLost) return false;
    if (job.stopReason.disposition !== 'discard') {
      job.discard(reason);
      job.log.write('system', 'cancelled by user: the message will be quarantined');
      this.#publish(job);
    }
    return true;
  }

  stopAll(kind: StopReason['kind'], message: string): void {
    for (const job of this.#jobs.values()) this.#stop(job, { kind, message, disposition: 'release' });
  }

  /** Releases now the deliveries held for jobs that outlived their message (nothing polls any more). */
  releaseHeld(): void {
    for (const job of this.#jobs.values()) this.#settling.releaseHeld(job);
  }

  #launch(jobId: string, message: ReceivedMessage, task: RunningJob['task'], sentAt: number): void {
    const { clock, config, timings } = this.#options;
    const job = new RunningJob({
      jobId,
      message,
      task,
      isLastAttempt: this.#isLastAttempt(message),
      startedAt: clock.now(),
      log: this.#openLog(jobId),
      now: () => clock.now(),
    });
    job.lease = new Lease({
      clock,
      leaseSeconds: config.leaseSeconds,
      heartbeatMs: heartbeatMs(config),
      receivedAt: sentAt,
      maxFailures: timings.maxHeartbeatFailures,
      // Stopped at the cap, the job may take abandonAfterMs to stop, then a heartbeat to land and
      // the release to go out.
      windDownMs: timings.abandonAfterMs + 2 * timings.callTimeoutMs,
      receipt: () => job.receipt,
      extend: (handle, seconds) =>
        withDeadline(clock, timings.callTimeoutMs, (signal) =>
          changeVisibility(this.#options.client, config.queueUrl, handle, seconds, signal),
        ),
      onChange: () => this.#publish(job),
      onLost: (reason) => this.#onLeaseLost(job, reason),
      onCapReached: (reason) =>
        this.#stop(job, { kind: 'visibility-cap', message: reason, disposition: 'release' }),
      onExtended: () => this.#recheck(job),
    });
    this.#jobs.set(jobId, job);
    this.#byMessage.set(message.messageId, job);
    job.log.write('system', `received message ${message.messageId} (delivery ${message.receiveCount})`);
    job.lease.start();
    this.#publish(job);
    this.#options.track(job.whenRecorded);
    this.#execute(job).catch((error: unknown) => {
      job.log.write('system', `internal error after the job: ${errorMessage(error)}`);
    });
  }

  async #execute(job: RunningJob): Promise<void> {
    let end: JobEnd;
    try {
      const result = await this.#options.runJob(
        job.context(
          (phase) => {
            if (job.setPhase(phase)) this.#publish(job);
          },
          () => this.#publish(job),
        ),
      );
      end = isJobResult(result)
        ? { kind: 'result', result }
        : { kind: 'threw', message: 'the job returned something that is not a JobResult' };
    } catch (error) {
      end = { kind: 'threw', message: errorMessage(error) };
    }
    const next = job.finish();
    if (next === 'settle') {
      await this.#settling.settle(job, end);
    } else if (next === 'free') {
      job.log.write('system', 'the job has stopped; its slot is free again');
      this.#free(job);
    }
    // Otherwise ('wait') its settle is under way and frees the slot when done.
  }

  /** SQS delivered a message whose slot is taken here (a lapsed lease, or SQS's at-least-once). */
  #redelivered(job: RunningJob, message: ReceivedMessage, sentAt: number): void {
    if (!job.settlingBegun && !job.leaseLost) {
      // Keep working, with the newest delivery: its receipt, receive count and lease.
      job.message = message;
      job.isLastAttempt = this.#isLastAttempt(message);
      job.lease?.renew(sentAt);
      job.log.write(
        'system',
        `the message was delivered again (delivery ${message.receiveCount}); using its new receipt`,
      );
      this.#publish(job);
      return;
    }
    this.#settling.redelivered(job, message);
  }

  #stop(job: RunningJob, reason: StopReason): void {
    if (!job.stop(reason)) return;
    job.log.write('system', `stopping: ${reason.message}`);
    this.#publish(job);
    // A job that ignores its signal must not hold the message (or the worker's exit) forever.
    const { abandonAfterMs } = this.#options.timings;
    job.abandonTimer = this.#options.clock.setTimeout(() => {
      if (!job.beginSettling()) return;
      job.log.write(
        'system',
        `the job did not stop within ${Math.round(abandonAfterMs / 1000)} s; settling its message without it`,
      );
      this.#settling
        .settle(job, { kind: 'threw', message: 'the job did not stop when told to' })
        .catch((error: unknown) =>
          job.log.write('system', `internal error while settling: ${errorMessage(error)}`),
        );
    }, abandonAfterMs);
  }

  /**
   * With a heartbeat, asks whether the work is still wanted (one at a time per job, bounded like
   * an SQS call). An answer of "no" stops the job and deletes its message with the reason; a
   * question GitHub could not answer is only logged — the next heartbeat asks again.
   */
  #recheck(job: RunningJob): void {
    const stillWanted = this.#options.runJob.stillWanted;
    if (!stillWanted || job.stopReason || job.settlingBegun || job.rechecking) return;
    const { clock, timings } = this.#options;
    job.rechecking = true;
    const work = withDeadline(clock, timings.callTimeoutMs, (signal) =>
      stillWanted(job.task, AbortSignal.any([signal, job.controller.signal])),
    )
      .then((why) => {
        if (!why || job.stopReason || job.settlingBegun) return;
        const message = this.#options.redactor.redact(`no longer wanted: ${why}`);
        this.#stop(job, { kind: 'dropped-upstream', message, disposition: 'delete' });
      })
      .catch((error: unknown) => {
        if (job.stopReason) return;
        job.log.write(
          'system',
          `could not re-check the task upstream: ${this.#options.redactor.redact(errorMessage(error))}`,
        );
      })
      .finally(() => {
        job.rechecking = false;
      });
    this.#options.track(work);
  }

  #onLeaseLost(job: RunningJob, reason: string): void {
    job.loseLease();
    const message = this.#options.redactor.redact(reason);
    job.log.write('system', message);
    this.#stop(job, { kind: 'lease-lost', message, disposition: 'release' });
    this.#publish(job);
  }

  /** The job has ended and its message is settled: the slot is free. */
  #free(job: RunningJob): void {
    if (this.#jobs.get(job.jobId) !== job) return;
    this.#jobs.delete(job.jobId);
    this.#byMessage.delete(job.messageId);
    this.#settling.releaseHeld(job);
    this.#options.onJobRemoved(job.jobId);
  }

  #isLastAttempt(message: ReceivedMessage): boolean {
    const maxReceiveCount = this.#options.maxReceiveCount();
    return maxReceiveCount !== null && message.receiveCount >= maxReceiveCount;
  }

  #openLog(jobId: string): JobLog {
    try {
      return bestEffortJobLog(this.#options.journal.openLog(jobId));
    } catch {
      return discardingJobLog();
    }
  }

  #publish(job: RunningJob): void {
    if (this.#jobs.has(job.jobId)) this.#options.onJobChanged(job.view());
  }
}

const NOOP_WHY: readonly unknown[] = [undefined, 'duplicate', 'cancelled-upstream', 'no-changes'];

function isJobResult(value: unknown): value is JobResult {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as { kind?: unknown; reason?: unknown; why?: unknown };
  if (record.kind === 'success') return true;
  if (typeof record.reason !== 'string') return false;
  if (record.kind === 'noop') return NOOP_WHY.includes(record.why);
  return record.kind === 'retry' || record.kind === 'permanent' || record.kind === 'release';
}
