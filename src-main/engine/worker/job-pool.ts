/**
 * The running jobs: one slot per message, each with its own lease and heartbeat. Launches a job for
 * a received message, stops jobs (cancel, lost lease, 12 h cap, pause, shutdown), and settles each
 * message exactly once when its job ends — or when a job told to stop does not, after a while.
 */
import { randomUUID } from 'node:crypto';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { JobView } from '../../../shared/snapshot.ts';
import { parseTaskMessage } from '../../../shared/task-message.ts';
import { heartbeatMs, type WorkerConfig } from '../config/worker-config.ts';
import type { JobJournal, JobLog, JobResult, JobRunner, StopReason } from '../jobs/job.ts';
import type { Clock } from '../ports/clock.ts';
import { changeVisibility } from '../queue/change-visibility.ts';
import type { ReceivedMessage } from '../queue/received-message.ts';
import { errorMessage } from '../queue/sqs-errors.ts';
import type { Redactor } from '../security/redact.ts';
import { Lease } from './lease.ts';
import { discardingJobLog, RunningJob } from './running-job.ts';
import { detailsOf, type JobEnd } from './settlement.ts';
import type { Settler } from './settler.ts';
import type { WorkerTimings } from './worker-options.ts';

export interface JobPoolOptions {
  readonly client: SQSClient;
  readonly config: Pick<WorkerConfig, 'queueUrl' | 'leaseSeconds' | 'heartbeatSeconds'>;
  readonly runJob: JobRunner;
  readonly journal: JobJournal;
  readonly settler: Settler;
  readonly clock: Clock;
  readonly redactor: Redactor;
  readonly timings: Pick<WorkerTimings, 'abandonAfterMs' | 'maxHeartbeatFailures'>;
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

  constructor(options: JobPoolOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#jobs.size;
  }

  /**
   * Takes a received message: a redelivery of a running one updates its receipt handle, an invalid
   * body is quarantined without running, anything else starts a job. `sentAt` is when the receive
   * was sent: the lease and the 12 h cap count from there.
   */
  accept(message: ReceivedMessage, sentAt: number): void {
    const running = this.#byMessage.get(message.messageId);
    if (running) {
      this.#adoptRedelivery(running, message, sentAt);
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

  /** True when the message is running here (a redelivery is adopted even when no slot is free). */
  holds(messageId: string): boolean {
    return this.#byMessage.has(messageId);
  }

  cancel(jobId: string, disposition: StopReason['disposition']): boolean {
    const job = this.#jobs.get(jobId);
    if (!job || job.settling) return false;
    this.#stop(job, { kind: 'cancelled', message: 'cancelled by user', disposition });
    return true;
  }

  stopAll(kind: StopReason['kind'], message: string): void {
    for (const job of this.#jobs.values()) this.#stop(job, { kind, message, disposition: 'release' });
  }

  #launch(jobId: string, message: ReceivedMessage, task: RunningJob['task'], sentAt: number): void {
    const { clock, config, timings } = this.#options;
    const maxReceiveCount = this.#options.maxReceiveCount();
    const job = new RunningJob({
      jobId,
      message,
      task,
      isLastAttempt: maxReceiveCount !== null && message.receiveCount >= maxReceiveCount,
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
      extend: (seconds) => changeVisibility(this.#options.client, config.queueUrl, job.receipt, seconds),
      onChange: () => this.#publish(job),
      onLost: (reason) => this.#onLeaseLost(job, reason),
      onCapReached: (reason) =>
        this.#stop(job, { kind: 'visibility-cap', message: reason, disposition: 'release' }),
    });
    this.#jobs.set(jobId, job);
    this.#byMessage.set(message.messageId, job);
    job.log.write('system', `received message ${message.messageId} (delivery ${message.receiveCount})`);
    job.lease.start();
    this.#publish(job);
    const settled = new Promise<void>((resolve) => (job.onSettled = resolve));
    this.#options.track(settled);
    void this.#execute(job);
  }

  async #execute(job: RunningJob): Promise<void> {
    let end: JobEnd;
    try {
      const result = await this.#options.runJob(
        job.context((phase) => {
          if (job.setPhase(phase)) this.#publish(job);
        }),
      );
      end = isJobResult(result)
        ? { kind: 'result', result }
        : { kind: 'threw', message: 'the job returned something that is not a JobResult' };
    } catch (error) {
      end = { kind: 'threw', message: errorMessage(error) };
    }
    if (!job.settling) await this.#settle(job, end);
  }

  /** SQS delivered a message we are already running: keep working, with the newest receipt handle. */
  #adoptRedelivery(job: RunningJob, message: ReceivedMessage, sentAt: number): void {
    job.receipt = message.receiptHandle;
    if (job.leaseLost) job.redeliveredAfterLoss = true;
    else job.lease?.renew(sentAt);
    job.log.write(
      'system',
      `the message was delivered again (delivery ${message.receiveCount}); using its new receipt`,
    );
  }

  #stop(job: RunningJob, reason: StopReason): void {
    if (job.settling || !job.stop(reason)) return;
    job.log.write('system', `stopping: ${reason.message}`);
    this.#publish(job);
    // A job that ignores its signal must not hold the message (or the worker's exit) forever.
    const { abandonAfterMs } = this.#options.timings;
    job.abandonTimer = this.#options.clock.setTimeout(() => {
      if (job.settling) return;
      job.log.write(
        'system',
        `the job did not stop within ${Math.round(abandonAfterMs / 1000)} s; settling without it`,
      );
      void this.#settle(job, { kind: 'threw', message: 'the job did not stop when told to' });
    }, abandonAfterMs);
  }

  #onLeaseLost(job: RunningJob, reason: string): void {
    job.leaseLost = true;
    const message = this.#options.redactor.redact(reason);
    job.log.write('system', message);
    this.#stop(job, { kind: 'lease-lost', message, disposition: 'release' });
    this.#publish(job);
  }

  async #settle(job: RunningJob, end: JobEnd): Promise<void> {
    const { settler, clock } = this.#options;
    job.settling = true;
    job.abandonTimer?.cancel();
    job.lease?.close();
    if (job.setPhase('settling')) this.#publish(job);
    const settlement = settler.decide({
      end,
      stop: job.stopReason,
      leaseLost: job.leaseLost,
      receiveCount: job.receiveCount,
      isLastAttempt: job.isLastAttempt,
    });
    let problem = await settler.apply(settlement, job.message, job.receipt);
    if (settlement.action.kind === 'none' && job.redeliveredAfterLoss) {
      // We hold a fresh delivery of a message whose first lease was lost: hand it back at once.
      problem = await settler.apply({ ...settlement, action: { kind: 'release' } }, job.message, job.receipt);
    }
    // The message is no longer ours: free the slot before the (slower) bookkeeping.
    this.#jobs.delete(job.jobId);
    this.#byMessage.delete(job.messageId);
    this.#options.onJobRemoved(job.jobId);

    const endedAt = clock.now();
    const why = settlement.reason ? ` (${settlement.reason})` : '';
    job.log.write('system', `settled: ${settlement.outcome}${why}${problem ? `; ${problem}` : ''}`);
    await job.log.close().catch(() => {});
    await settler.conclude(
      {
        jobId: job.jobId,
        messageId: job.messageId,
        issue: job.issue,
        details: detailsOf(end),
        startedAt: job.startedAt,
        endedAt,
        phases: job.phaseTimings(endedAt),
        receiveCount: job.receiveCount,
        logFile: job.log.path,
      },
      settlement,
    );
    job.onSettled?.();
  }

  #openLog(jobId: string): JobLog {
    try {
      return this.#options.journal.openLog(jobId);
    } catch {
      return discardingJobLog();
    }
  }

  #publish(job: RunningJob): void {
    if (this.#jobs.has(job.jobId)) this.#options.onJobChanged(job.view());
  }
}

function isJobResult(value: unknown): value is JobResult {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  if (kind === 'success') return true;
  return (
    (kind === 'noop' || kind === 'retry' || kind === 'permanent') &&
    typeof (value as { reason?: unknown }).reason === 'string'
  );
}
