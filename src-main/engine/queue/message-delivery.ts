/**
 * A received SQS message in the shape the engine uses: the SDK's optional fields resolved once, the
 * system attributes parsed into numbers.
 */
import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';

export interface ReceivedMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  /** ApproximateReceiveCount (1 on the first delivery). */
  readonly receiveCount: number;
  /** SentTimestamp in ms since the epoch, when SQS sent it. */
  readonly sentAt: number | null;
  readonly attributes: Readonly<Record<string, MessageAttributeValue>>;
}

/** Null for a message without an id or receipt handle, which SQS never sends. */
export function toReceivedMessage(message: Message): ReceivedMessage | null {
  if (!message.MessageId || !message.ReceiptHandle) return null;
  const system = message.Attributes ?? {};
  const count = Number(system.ApproximateReceiveCount ?? 1);
  const sent = Number(system.SentTimestamp);
  return {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body ?? '',
    receiveCount: Number.isFinite(count) && count >= 1 ? Math.trunc(count) : 1,
    sentAt: Number.isFinite(sent) && sent > 0 ? sent : null,
    attributes: message.MessageAttributes ?? {},
  };
}
