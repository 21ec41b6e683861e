/**
 * Applies a settlement to SQS: delete, delay (retry backoff), release, or quarantine to the DLQ.
 * Never throws: a failed call is returned as text for the job's log, and the message simply
 * reappears when its lease lapses (so at worst it runs again; it is never lost).
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { changeVisibility, releaseMessage } from '../queue/change-visibility.ts';
import { deleteMessage } from '../queue/delete-message.ts';
import { quarantineMessage } from '../queue/quarantine-message.ts';
import type { ReceivedMessage } from '../queue/received-message.ts';
import { errorMessage, errorNames } from '../queue/sqs-errors.ts';
import type { SettleAction } from './settlement.ts';

export interface SettleTarget {
  readonly client: SQSClient;
  readonly queueUrl: string;
  readonly dlqUrl: string | null;
  /** How to delete from the queue (a batcher); default one DeleteMessage per call. */
  readonly deleteMessage?: (receiptHandle: string) => Promise<void>;
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
  try {
    switch (action.kind) {
      case 'delete':
        await (target.deleteMessage ?? ((handle) => deleteMessage(client, queueUrl, handle)))(receiptHandle);
        return null;
      case 'retry':
        await changeVisibility(client, queueUrl, receiptHandle, action.delaySeconds);
        return null;
      case 'release':
        await releaseMessage(client, queueUrl, receiptHandle);
        return null;
      case 'quarantine':
        if (!target.dlqUrl) return 'no dead-letter queue to quarantine into';
        await quarantineMessage(client, {
          queueUrl,
          dlqUrl: target.dlqUrl,
          message: request.message,
          receiptHandle,
          reason: request.reason ?? 'quarantined',
          receiveCount: request.message.receiveCount,
          now: request.now,
        });
        return null;
      case 'none':
        return null;
    }
  } catch (error) {
    return `${action.kind} failed: ${errorNames(error)[0] ?? 'Error'}: ${errorMessage(error)}`;
  }
}
