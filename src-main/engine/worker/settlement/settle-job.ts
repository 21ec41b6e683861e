/**
 * Settling one job's message, for the JobPool: waits for a heartbeat still on the wire (so it cannot
 * land after the settle and undo it), decides and applies the settlement, gives every other delivery
 * of the message that came meanwhile the same fate, then writes the job's history. Exception-safe:
 * whatever fails, the message ends settled (or left to its lease), the slot is freed once the job has
 * ended, and stop() is never kept waiting.
 */
import type { Clock } from '../../ports/clock.ts';
import type { ReceivedMessage } from '../../queue/message-delivery.ts';
import { errorMessage } from '../../queue/sqs-errors.ts';
import { waitAtMost } from '../../support/deadline.ts';
import type { RunningJob } from '../running-job.ts';
import { releasesRedelivery } from './apply-to-sqs.ts';
import { detailsOf, withRedeliveryReleased, type JobEnd, type Settlement } from './decide.ts';
import type { Settler } from './settler.ts';

export interface JobSettlingOptions {
  readonly settler: Settler;
  readonly clock: Clock;
  /** How long one SQS call (a heartbeat on the wire, a settle) may take. */
  readonly callTimeoutMs: number;
  publish(job: RunningJob): void;
  /** The job has ended and its message is settled: free its slot. */
  free(job: RunningJob): void;
  track(work: Promise<unknown>): void;
}

/** When settling itself failed before a decision: no call was made, so the lease will lapse. */
const UNSETTLED: Settlement = {
  action: { kind: 'none' },
  outcome: 'retrying',
  reason: 'settling failed; the message returns to the queue when its lease lapses',
  notice: null,
  noDlq: false,
};

export class JobSettling {
  readonly #options: JobSettlingOptions;

  constructor(options: JobSettlingOptions) {
    this.#options = options;
  }

  /**
   * Settles the job's message; the caller has begun settling (job.finish() or job.beginSettling()).
   * Never rejects, and always resolves job.whenRecorded.
   */
  async settle(job: RunningJob, end: JobEnd): Promise<void> {
    if (job.state.kind !== 'settling') return;
    let settlement: Settlement | null = null;
    const problems: string[] = [];
    try {
      if (job.setPhase('settling')) this.#options.publish(job);
      await this.#heartbeatLanded(job);
      settlement = this.#decide(job, end);
      const problem = await this.#options.settler.apply(settlement, job.message, job.receipt);
      if (problem) problems.push(problem);
      const released = await this.#settleRedeliveries(job, settlement, problems);
      if (released) settlement = withRedeliveryReleased(settlement);
    } catch (error) {
      problems.push(`settling failed: ${errorMessage(error)}`);
    } finally {
      settlement ??= UNSETTLED;
      if (job.settled(settlement) === 'free') this.#options.free(job);
      else this.#options.publish(job);
    }
    try {
      await this.#conclude(job, end, settlement, problems);
    } catch {
      // History is best effort: the message itself is settled.
    } finally {
      job.recorded();
    }
  }

  /** Another delivery of a message whose slot is taken, while it is being (or has been) settled. */
  redelivered(job: RunningJob, message: ReceivedMessage): void {
    const settlement = job.settlement;
    if (!settlement) {
      job.redeliveries.push(message);
      job.log.write(
        'system',
        `the message was delivered again (delivery ${message.receiveCount}); that delivery will be settled the same way`,
      );
      return;
    }
    const action = settlement.action;
    if (releasesRedelivery(action) && !job.finished) {
      // Released now, it would come straight back to a free slot here and run beside the job that
      // did not stop. Held, it goes back when the job ends (or when its lease lapses).
      job.heldRedeliveries.push(message);
      job.log.write(
        'system',
        `the message was delivered again (delivery ${message.receiveCount}); holding it until the job ends`,
      );
      return;
    }
    this.#options.track(this.#options.settler.applyToRedelivery(action, message.receiptHandle));
  }

  /** Releases the deliveries held while the job outlived its message. */
  releaseHeld(job: RunningJob): void {
    for (const message of job.heldRedeliveries.splice(0)) {
      this.#options.track(
        this.#options.settler.applyToRedelivery({ kind: 'release' }, message.receiptHandle),
      );
    }
  }

  async #heartbeatLanded(job: RunningJob): Promise<void> {
    const lease = job.lease;
    if (!lease) return;
    const beating = lease.beating;
    const landed = lease.close();
    if (!beating) return;
    job.log.write('system', 'a heartbeat is on the wire: waiting for it before settling');
    await waitAtMost(this.#options.clock, this.#options.callTimeoutMs, landed);
  }

  #decide(job: RunningJob, end: JobEnd): Settlement {
    const capAt = job.lease?.capAt ?? null;
    return this.#options.settler.decide({
      end,
      stop: job.stopReason,
      leaseLost: job.leaseLost,
      receiveCount: job.message.receiveCount,
      isLastAttempt: job.isLastAttempt,
      visibilityLeftSeconds: capAt === null ? null : (capAt - this.#options.clock.now()) / 1000,
    });
  }

  /**
   * Deliveries that came while settling get the settlement's fate now (a release waits for the job
   * to end). Returns true when one was released at once. Sets nothing: the caller marks the job
   * settled right after, in the same turn, so no delivery can slip between.
   */
  async #settleRedeliveries(job: RunningJob, settlement: Settlement, problems: string[]): Promise<boolean> {
    let released = false;
    for (let next = job.redeliveries.shift(); next; next = job.redeliveries.shift()) {
      if (releasesRedelivery(settlement.action) && !job.finished) {
        job.heldRedeliveries.push(next);
        continue;
      }
      const problem = await this.#options.settler.applyToRedelivery(settlement.action, next.receiptHandle);
      if (problem) problems.push(problem);
      else if (releasesRedelivery(settlement.action)) released = true;
    }
    return released;
  }

  async #conclude(job: RunningJob, end: JobEnd, settlement: Settlement, problems: string[]): Promise<void> {
    const endedAt = this.#options.clock.now();
    const why = settlement.reason ? ` (${settlement.reason})` : '';
    const trouble = problems.length > 0 ? `; ${problems.join('; ')}` : '';
    job.log.write('system', `settled: ${settlement.outcome}${why}${trouble}`);
    await job.log.close();
    await this.#options.settler.conclude(
      {
        jobId: job.jobId,
        messageId: job.messageId,
        issue: job.issue,
        details: detailsOf(end),
        startedAt: job.startedAt,
        endedAt,
        phases: job.phaseTimings(endedAt),
        receiveCount: job.message.receiveCount,
        logFile: job.log.path,
        review: job.review,
      },
      settlement,
    );
  }
}
