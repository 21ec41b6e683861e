/**
 * Quarantine: copy a message to the DLQ with the original body and every original attribute plus the
 * worker's one metadata attribute (reason, source id, receive count, time), then delete it from the
 * queue. Fails with the SDK's error; if the copy fails nothing is deleted (the message stays on the
 * queue), so a message is never lost, at worst doubled.
 *
 * The originals always win: when they already use all 10 attribute slots, or the copy would exceed
 * the DLQ's size limit even with a shortened reason, the copy goes without the worker's attribute
 * (the reason is still in the job's history). A copy that cannot be made at all would otherwise rerun
 * until SQS's redrive moved it with no reason whatsoever.
 */
import { SendMessageCommand, type MessageAttributeValue, type SQSClient } from '@aws-sdk/client-sqs';
import { deleteMessage } from './delete-message.ts';
import {
  copyableAttributes,
  MAX_MESSAGE_ATTRIBUTES,
  MAX_REASON_CHARS,
  quarantineAttributes,
} from './message-attributes.ts';
import type { ReceivedMessage } from './message-delivery.ts';
import { errorMessage, hasErrorName } from './sqs-errors.ts';

/** The reason length tried after the copy was refused as too large. */
export const SHORT_REASON_CHARS = 200;

export interface QuarantineRequest {
  readonly queueUrl: string;
  readonly dlqUrl: string;
  readonly message: ReceivedMessage;
  /** The latest receipt handle for the message (a redelivery replaces the first one). */
  readonly receiptHandle: string;
  readonly reason: string;
  readonly receiveCount: number;
  readonly now: Date;
}

export interface QuarantineResult {
  readonly dlqMessageId: string;
  /** 'full', 'shortened' (reason cut to fit the size limit) or 'none' (no room for it at all). */
  readonly metadata: 'full' | 'shortened' | 'none';
}

export async function quarantineMessage(
  client: SQSClient,
  request: QuarantineRequest,
  signal?: AbortSignal,
): Promise<QuarantineResult> {
  const originals = copyableAttributes(request.message.attributes);
  const info = {
    reason: request.reason,
    sourceMessageId: request.message.messageId,
    receiveCount: request.receiveCount,
    quarantinedAt: request.now,
  };
  const room = Object.keys(originals).length < MAX_MESSAGE_ATTRIBUTES;
  const attempts: { metadata: QuarantineResult['metadata']; added: Record<string, MessageAttributeValue> }[] =
    room
      ? [
          { metadata: 'full', added: quarantineAttributes(info, MAX_REASON_CHARS) },
          { metadata: 'shortened', added: quarantineAttributes(info, SHORT_REASON_CHARS) },
          { metadata: 'none', added: {} },
        ]
      : [{ metadata: 'none', added: {} }];

  for (const [i, attempt] of attempts.entries()) {
    let messageId: string;
    try {
      const sent = await client.send(
        new SendMessageCommand({
          QueueUrl: request.dlqUrl,
          MessageBody: request.message.body,
          MessageAttributes: { ...originals, ...attempt.added },
        }),
        signal ? { abortSignal: signal } : {},
      );
      messageId = sent.MessageId ?? '';
    } catch (error) {
      if (i < attempts.length - 1 && isMessageTooLargeError(error)) continue;
      throw error;
    }
    await deleteMessage(client, request.queueUrl, request.receiptHandle, signal);
    return { dlqMessageId: messageId, metadata: attempt.metadata };
  }
  /* c8 ignore next */
  throw new Error('unreachable: the last quarantine attempt either returns or throws');
}

/** SQS refused a message for its size (body plus attributes over the queue's MaximumMessageSize). */
export function isMessageTooLargeError(error: unknown): boolean {
  return (
    hasErrorName(error, 'InvalidParameterValue', 'InvalidParameterValueException') &&
    /shorter than|too long|maximum (?:message )?size|message size/i.test(errorMessage(error))
  );
}
