/**
 * What happens to a message when its job ends: a pure decision from how the job ended, why it was
 * stopped (if it was), the lease, and whether a DLQ exists. The Worker applies it (settle.ts).
 */
import type { JobOutcome, JobRecord, PhaseTiming } from '../../../shared/records.ts';
import type { IssueRef } from '../../../shared/snapshot.ts';
import type { JobDetails, JobResult, StopReason } from '../jobs/job.ts';
import { longestRetryDelaySeconds, retryDelaySeconds } from './backoff.ts';

/** How a job ended, as far as the consumer saw it. */
export type JobEnd =
  | { readonly kind: 'result'; readonly result: JobResult }
  | { readonly kind: 'threw'; readonly message: string }
  /** The body was not a valid task: it never reached the job. */
  | { readonly kind: 'invalid'; readonly summary: string };

export type SettleAction =
  | { readonly kind: 'delete' }
  | { readonly kind: 'retry'; readonly delaySeconds: number }
  | { readonly kind: 'quarantine' }
  | { readonly kind: 'release' }
  /** The lease is lost: touch nothing, the message reappears by itself. */
  | { readonly kind: 'none' };

export interface Settlement {
  readonly action: SettleAction;
  readonly outcome: JobOutcome;
  readonly reason: string | null;
  readonly notice: 'pr-opened' | 'job-failed' | null;
  /** A quarantine was needed but there is no DLQ; the worker reports it as an error. */
  readonly noDlq: boolean;
}

export interface SettleInput {
  readonly end: JobEnd;
  readonly stop: StopReason | null;
  readonly leaseLost: boolean;
  readonly receiveCount: number;
  readonly isLastAttempt: boolean;
  readonly retryBackoffSeconds: readonly number[];
  readonly hasDlq: boolean;
}

export const CANCELLED_BY_USER = 'cancelled by user';

export function decideSettlement(input: SettleInput): Settlement {
  const { end, stop } = input;
  if (input.leaseLost) {
    return settle({ kind: 'none' }, 'released', stop?.message ?? 'the lease was lost');
  }
  if (stop) {
    if (stop.kind === 'cancelled' && stop.disposition === 'discard') {
      return input.hasDlq
        ? settle({ kind: 'quarantine' }, 'quarantined', CANCELLED_BY_USER)
        : {
            ...settle(
              { kind: 'release' },
              'released',
              `${CANCELLED_BY_USER}; released because there is no dead-letter queue`,
            ),
            noDlq: true,
          };
    }
    return settle({ kind: 'release' }, 'released', stop.message);
  }
  if (end.kind === 'invalid') return permanent(input, `invalid task message: ${end.summary}`);
  if (end.kind === 'threw') return retry(input, end.message);
  const { result } = end;
  switch (result.kind) {
    case 'success':
      return settle({ kind: 'delete' }, 'succeeded', null, result.details?.prUrl ? 'pr-opened' : null);
    case 'noop':
      return settle({ kind: 'delete' }, result.why ?? 'cancelled-upstream', result.reason);
    case 'retry':
      return retry(input, result.reason);
    case 'permanent':
      return permanent(input, result.reason);
  }
}

function retry(input: SettleInput, reason: string): Settlement {
  const delaySeconds = retryDelaySeconds(input.receiveCount, input.retryBackoffSeconds);
  // On the last attempt the redrive policy moves the message to the DLQ on its next receive.
  const final = input.isLastAttempt && input.hasDlq;
  return settle(
    { kind: 'retry', delaySeconds },
    final ? 'failed' : 'retrying',
    reason,
    final ? 'job-failed' : null,
  );
}

function permanent(input: SettleInput, reason: string): Settlement {
  if (input.hasDlq) return settle({ kind: 'quarantine' }, 'quarantined', reason, 'job-failed');
  const delaySeconds = longestRetryDelaySeconds(input.retryBackoffSeconds);
  return {
    ...settle(
      { kind: 'retry', delaySeconds },
      'retrying',
      `${reason} (no dead-letter queue to quarantine it in: retrying in ${delaySeconds} s)`,
    ),
    noDlq: true,
  };
}

function settle(
  action: SettleAction,
  outcome: JobOutcome,
  reason: string | null,
  notice: Settlement['notice'] = null,
): Settlement {
  return { action, outcome, reason, notice, noDlq: false };
}

export interface RecordInput {
  readonly jobId: string;
  readonly messageId: string;
  readonly issue: IssueRef | null;
  readonly settlement: Settlement;
  readonly details: JobDetails | null;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly phases: readonly PhaseTiming[];
  readonly receiveCount: number;
  readonly logFile: string | null;
}

export function buildJobRecord(input: RecordInput): JobRecord {
  const details = input.details ?? {};
  return {
    jobId: input.jobId,
    messageId: input.messageId,
    issue: details.issue ?? input.issue,
    outcome: input.settlement.outcome,
    reason: input.settlement.reason,
    prUrl: details.prUrl ?? null,
    branch: details.branch ?? null,
    startedAt: new Date(input.startedAt).toISOString(),
    endedAt: new Date(input.endedAt).toISOString(),
    phases: input.phases,
    model: details.model ?? null,
    usage: details.usage ?? null,
    receiveCount: input.receiveCount,
    logFile: input.logFile,
  };
}

/** The details a job reported with its result, if any. */
export function detailsOf(end: JobEnd): JobDetails | null {
  return end.kind === 'result' ? (end.result.details ?? null) : null;
}
