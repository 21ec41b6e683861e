/**
 * What happens to a message when its job ends: a pure decision from how the job ended, why it was
 * stopped (if it was), the lease, and whether a DLQ exists. The settler applies it (apply-to-sqs.ts).
 */
import type { JobOutcome } from '../../../../shared/job-record.ts';
import type { JobDetails, JobResult, StopReason } from '../../ports/job.ts';
import { longestRetryDelaySeconds, retryDelaySeconds } from './retry-delay.ts';

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
  /**
   * How long SQS still lets this delivery stay invisible (its 12 h cap), in seconds: a retry delay
   * beyond it would be refused. Null or absent when there is no limit to respect.
   */
  readonly visibilityLeftSeconds?: number | null;
}

export const CANCELLED_BY_USER = 'cancelled by user';

/**
 * The order matters: a lost lease first (the message may be someone else's now, touch nothing); then
 * finished work (success or a no-op is deleted even when a stop arrived at the same moment: the work
 * is done and redoing it would only duplicate it); then the stop; then the job's own verdict.
 */
export function decideSettlement(input: SettleInput): Settlement {
  const { end, stop } = input;
  if (input.leaseLost) {
    // Nothing to release: the message reappears when the lease SQS gave it lapses, and runs again.
    return settle(
      { kind: 'none' },
      'retrying',
      `${stop?.message ?? 'the lease was lost'}; the message returns to the queue when its lease lapses`,
    );
  }
  if (end.kind === 'result' && (end.result.kind === 'success' || end.result.kind === 'noop'))
    return verdict(input, end.result);
  if (stop) {
    // Dropped upstream (issue closed, label removed, pull request closed): nobody wants the work.
    if (stop.disposition === 'delete') return settle({ kind: 'delete' }, 'cancelled-upstream', stop.message);
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
  return verdict(input, end.result);
}

/** What the job's own result calls for. */
function verdict(input: SettleInput, result: JobResult): Settlement {
  switch (result.kind) {
    case 'success':
      if (!result.details?.prUrl && result.details?.noPullRequest)
        return settle({ kind: 'delete' }, 'pushed', result.details.noPullRequest);
      return settle({ kind: 'delete' }, 'succeeded', null, result.details?.prUrl ? 'pr-opened' : null);
    case 'noop':
      return settle({ kind: 'delete' }, result.why ?? 'cancelled-upstream', result.reason);
    case 'retry':
      return retry(input, result.reason);
    case 'permanent':
      return permanent(input, result.reason);
    case 'release':
      return settle({ kind: 'release' }, 'released', result.reason);
  }
}

/** A lease-lost settlement after which we released a fresh delivery of the message we got meanwhile. */
export function withRedeliveryReleased(settlement: Settlement): Settlement {
  if (settlement.action.kind !== 'none') return settlement;
  const why = (settlement.reason ?? 'the lease was lost').replace(/; the message returns .*$/, '');
  return {
    ...settlement,
    outcome: 'released',
    reason: `${why}; the message was delivered again and released`,
  };
}

function retry(input: SettleInput, reason: string): Settlement {
  if (input.isLastAttempt && input.hasDlq) {
    // Retrying now would let SQS's redrive move it on its next receive, without any reason attached.
    return settle(
      { kind: 'quarantine' },
      'failed',
      `${reason} (gave up after ${input.receiveCount} attempts)`,
      'job-failed',
    );
  }
  const delaySeconds = clampDelay(retryDelaySeconds(input.receiveCount, input.retryBackoffSeconds), input);
  return settle({ kind: 'retry', delaySeconds }, 'retrying', reason);
}

function permanent(input: SettleInput, reason: string): Settlement {
  if (input.hasDlq) return settle({ kind: 'quarantine' }, 'quarantined', reason, 'job-failed');
  const delaySeconds = clampDelay(longestRetryDelaySeconds(input.retryBackoffSeconds), input);
  return {
    ...settle(
      { kind: 'retry', delaySeconds },
      'retrying',
      `${reason} (no dead-letter queue to quarantine it in: retrying in ${delaySeconds} s)`,
    ),
    noDlq: true,
  };
}

function clampDelay(delaySeconds: number, input: SettleInput): number {
  const left = input.visibilityLeftSeconds;
  return left === null || left === undefined
    ? delaySeconds
    : Math.max(0, Math.min(delaySeconds, Math.floor(left)));
}

function settle(
  action: SettleAction,
  outcome: JobOutcome,
  reason: string | null,
  notice: Settlement['notice'] = null,
): Settlement {
  return { action, outcome, reason, notice, noDlq: false };
}

/** The details a job reported with its result, if any. */
export function detailsOf(end: JobEnd): JobDetails | null {
  return end.kind === 'result' ? (end.result.details ?? null) : null;
}
