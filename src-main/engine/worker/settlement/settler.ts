/**
 * Settling, for the Worker: decides (decide.ts), applies it to SQS (apply-to-sqs.ts, deletes batched),
 * then writes the job's history record and tells the user. Reasons are redacted before they reach
 * SQS attributes, logs, history or notices.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { JobRecord } from '../../../../shared/job-record.ts';
import type { WorkerConfig } from '../../config/worker-config.ts';
import type { JobJournal } from '../../ports/job.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Notifier } from '../../ports/notifier.ts';
import { DeleteMessageBatcher } from '../../queue/delete-message-batcher.ts';
import type { ReceivedMessage } from '../../queue/message-delivery.ts';
import { buildJobRecord, type RecordInput } from '../../journal/build-job-record.ts';
import type { Redactor } from '../../security/redact.ts';
import { noticeFor } from '../notices.ts';
import { applySettlement, settleRedelivery, type SettleTarget } from './apply-to-sqs.ts';
import { type SettleAction, decideSettlement, type SettleInput, type Settlement } from './decide.ts';

export interface SettlerOptions {
  readonly client: SQSClient;
  readonly config: Pick<WorkerConfig, 'queueUrl' | 'retryBackoffSeconds' | 'github'>;
  readonly journal: JobJournal;
  readonly notifier: Notifier;
  readonly redactor: Redactor;
  readonly clock: Clock;
  /** Deadline for one settle call (a quarantine's send and delete together). */
  readonly timeoutMs: number;
  /** The DLQ as currently known (it is looked up at start). */
  dlqUrl(): string | null;
  /** A failure needed the DLQ and there is none. */
  onNoDlq(): void;
}

export class Settler {
  readonly #options: SettlerOptions;
  readonly #deleter: DeleteMessageBatcher;

  constructor(options: SettlerOptions) {
    this.#options = options;
    this.#deleter = new DeleteMessageBatcher(options.client, options.config.queueUrl);
  }

  decide(input: Omit<SettleInput, 'retryBackoffSeconds' | 'hasDlq'>): Settlement {
    const decided = decideSettlement({
      ...input,
      retryBackoffSeconds: this.#options.config.retryBackoffSeconds,
      hasDlq: this.#options.dlqUrl() !== null,
    });
    if (decided.noDlq) this.#options.onNoDlq();
    return {
      ...decided,
      reason: decided.reason === null ? null : this.#options.redactor.redact(decided.reason),
    };
  }

  /** Applies the settlement's action; returns null, or what went wrong (redacted). */
  async apply(
    settlement: Settlement,
    message: ReceivedMessage,
    receiptHandle: string,
  ): Promise<string | null> {
    const problem = await applySettlement(this.#target(), {
      action: settlement.action,
      message,
      receiptHandle,
      reason: settlement.reason,
      now: new Date(this.#options.clock.now()),
    });
    return problem === null ? null : this.#options.redactor.redact(problem);
  }

  /** Gives another delivery of a settled message the same fate; returns null, or what went wrong. */
  async applyToRedelivery(action: SettleAction, receiptHandle: string): Promise<string | null> {
    const problem = await settleRedelivery(this.#target(), action, receiptHandle);
    return problem === null ? null : this.#options.redactor.redact(problem);
  }

  /** Writes the history record (best effort) and notifies the user when the settlement calls for it. */
  async conclude(input: Omit<RecordInput, 'settlement'>, settlement: Settlement): Promise<JobRecord> {
    const record = buildJobRecord({ ...input, settlement });
    try {
      await this.#options.journal.record(record);
    } catch {
      // History is best effort: the message itself is already settled.
    }
    const notice = noticeFor({
      jobId: record.jobId,
      settlement,
      issue: record.issue,
      details: input.details,
      serverUrl: this.#options.config.github.serverUrl,
    });
    try {
      if (notice) this.#options.notifier.notify(notice);
    } catch {
      // A broken notifier must not break settling.
    }
    return record;
  }

  /** A body that is not a valid task: quarantined (or retried without a DLQ), never run. */
  async settleInvalid(jobId: string, message: ReceivedMessage, summary: string): Promise<void> {
    const startedAt = this.#options.clock.now();
    const settlement = this.decide({
      end: { kind: 'invalid', summary },
      stop: null,
      leaseLost: false,
      receiveCount: message.receiveCount,
      isLastAttempt: false,
    });
    await this.apply(settlement, message, message.receiptHandle);
    await this.conclude(
      {
        jobId,
        messageId: message.messageId,
        issue: null,
        details: null,
        startedAt,
        endedAt: this.#options.clock.now(),
        phases: [],
        receiveCount: message.receiveCount,
        logFile: null,
      },
      settlement,
    );
  }

  #target(): SettleTarget {
    return {
      client: this.#options.client,
      queueUrl: this.#options.config.queueUrl,
      dlqUrl: this.#options.dlqUrl(),
      clock: this.#options.clock,
      timeoutMs: this.#options.timeoutMs,
      deleteMessage: (handle, signal) => this.#deleter.delete(handle, signal),
    };
  }
}
