/**
 * Applies a settlement to SQS: delete, delay (retry backoff), release, or quarantine to the DLQ.
 * Every call has a deadline, so a hung request can neither hold a job's slot nor keep stop() waiting.
 * Never throws: a failed or timed-out call is returned as text for the job's log, and the message
 * simply reappears when its lease lapses (so at worst it runs again; it is never lost).
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Clock } from '../../ports/clock.ts';
import { changeVisibility, releaseMessage } from '../../queue/change-visibility.ts';
import { deleteMessage } from '../../queue/delete-message.ts';
import { quarantineMessage } from '../../queue/quarantine-message.ts';
import type { ReceivedMessage } from '../../queue/message-delivery.ts';
import { errorMessage, errorNames } from '../../queue/sqs-errors.ts';
import { withDeadline } from '../../support/deadline.ts';
import type { SettleAction } from './decide.ts';

export interface SettleTarget {
  readonly client: SQSClient;
  readonly queueUrl: string;
  readonly dlqUrl: string | null;
  readonly clock: Clock;
  /** Deadline for one settle (a quarantine's send and delete together). */
  readonly timeoutMs: number;
  /** How to delete from the queue (a batcher); default one DeleteMessage per call. */
  readonly deleteMessage?: (receiptHandle: string, signal: AbortSignal) => Promise<void>;
}

export interface SettleRequest {
  readonly action: SettleAction;
  readonly message: ReceivedMessage;
  readonly receiptHandle: string;
  readonly reason: string | null;
  readonly now: Date;
}

/** Returns null on success, else what went wrong. */
export async function applySettlement(target: SettleTarget, request: SettleRequest): Promise<string | null> {
  const { client, queueUrl } = target;
  const { action, receiptHandle } = request;
  if (action.kind === 'none') return null;
  if (action.kind === 'quarantine' && !target.dlqUrl) return 'no dead-letter queue to quarantine into';
  const dlqUrl = target.dlqUrl;
  try {
    await withDeadline(target.clock, target.timeoutMs, async (signal) => {
      switch (action.kind) {
        case 'delete':
          await remove(target, receiptHandle, signal);
          return;
        case 'retry':
          await changeVisibility(client, queueUrl, receiptHandle, action.delaySeconds, signal);
          return;
        case 'release':
          await releaseMessage(client, queueUrl, receiptHandle, signal);
          return;
        case 'quarantine':
          await quarantineMessage(
            client,
            {
              queueUrl,
              dlqUrl: dlqUrl!,
              message: request.message,
              receiptHandle,
              reason: request.reason ?? 'quarantined',
              receiveCount: request.message.receiveCount,
              now: request.now,
            },
            signal,
          );
          return;
      }
    });
    return null;
  } catch (error) {
    return `${action.kind} failed: ${describe(error)}`;
  }
}

/**
 * What to do with another delivery of a message that was (or is being) settled with `action`: it
 * gets the same fate on the queue. Deleted or quarantined: delete it too (the older receipt may not
 * have deleted it). Delayed: the same delay. Released or left alone: release it.
 */
export async function settleRedelivery(
  target: SettleTarget,
  action: SettleAction,
  receiptHandle: string,
): Promise<string | null> {
  const { client, queueUrl } = target;
  try {
    await withDeadline(target.clock, target.timeoutMs, async (signal) => {
      if (action.kind === 'delete' || action.kind === 'quarantine')
        await remove(target, receiptHandle, signal);
      else if (action.kind === 'retry')
        await changeVisibility(client, queueUrl, receiptHandle, action.delaySeconds, signal);
      else await releaseMessage(client, queueUrl, receiptHandle, signal);
    });
    return null;
  } catch (error) {
    return `settling the new delivery failed: ${describe(error)}`;
  }
}

/** A redelivery that will be released (not deleted or delayed) when settled. */
export function releasesRedelivery(action: SettleAction): boolean {
  return action.kind === 'release' || action.kind === 'none';
}

function remove(target: SettleTarget, receiptHandle: string, signal: AbortSignal): Promise<void> {
  return target.deleteMessage
    ? target.deleteMessage(receiptHandle, signal)
    : deleteMessage(target.client, target.queueUrl, receiptHandle, signal);
}

function describe(error: unknown): string {
  return `${errorNames(error)[0] ?? 'Error'}: ${errorMessage(error)}`;
}
