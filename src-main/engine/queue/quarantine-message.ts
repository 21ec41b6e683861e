/**
 * Quarantine: copy a message to the DLQ with the original body and attributes plus the worker's
 * reason attributes, then delete it from the queue. Fails with the SDK's error; if the copy fails
 * nothing is deleted (the message stays on the queue), so a message is never lost, at worst doubled.
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { deleteMessage } from './delete-message.ts';
import { copyableAttributes, quarantineAttributes } from './message-attributes.ts';
import type { ReceivedMessage } from './received-message.ts';

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

export async function quarantineMessage(
  client: SQSClient,
  request: QuarantineRequest,
): Promise<{ dlqMessageId: string }> {
  const added = quarantineAttributes({
    reason: request.reason,
    sourceMessageId: request.message.messageId,
    receiveCount: request.receiveCount,
    quarantinedAt: request.now,
  });
  const kept = copyableAttributes(request.message.attributes, 10 - Object.keys(added).length);
  const sent = await client.send(
    new SendMessageCommand({
      QueueUrl: request.dlqUrl,
      MessageBody: request.message.body,
      MessageAttributes: { ...kept, ...added },
    }),
  );
  await deleteMessage(client, request.queueUrl, request.receiptHandle);
  return { dlqMessageId: sent.MessageId ?? '' };
}
