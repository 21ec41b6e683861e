/**
 * One ReceiveMessage call: a long poll for up to `maxMessages`, each hidden for `visibilitySeconds`
 * (the lease), with the receive count and sent time the consumer needs and every message attribute.
 * Fails with the SDK's error; an aborted call fails with AbortError. A response that was already on
 * the wire when the signal fired still resolves, so callers must handle messages arriving after abort.
 */
import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { toReceivedMessage, type ReceivedMessage } from './message-delivery.ts';

export interface ReceiveOptions {
  readonly queueUrl: string;
  /** 1–10; SQS returns at most 10. */
  readonly maxMessages: number;
  readonly waitTimeSeconds: number;
  readonly visibilitySeconds: number;
}

export async function receiveMessages(
  client: SQSClient,
  options: ReceiveOptions,
  signal?: AbortSignal,
): Promise<ReceivedMessage[]> {
  const result = await client.send(
    new ReceiveMessageCommand({
      QueueUrl: options.queueUrl,
      MaxNumberOfMessages: Math.max(1, Math.min(10, Math.trunc(options.maxMessages))),
      WaitTimeSeconds: options.waitTimeSeconds,
      VisibilityTimeout: options.visibilitySeconds,
      MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
      MessageAttributeNames: ['All'],
    }),
    signal ? { abortSignal: signal } : {},
  );
  const messages: ReceivedMessage[] = [];
  for (const message of result.Messages ?? []) {
    const received = toReceivedMessage(message);
    if (received) messages.push(received);
  }
  return messages;
}
