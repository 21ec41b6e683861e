/**
 * ChangeMessageVisibility: extends a lease (heartbeat), delays a retry (backoff), or releases a
 * message at once (0). Fails with the SDK's error; `isReceiptGoneError` tells a lost lease apart.
 */
import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';

export async function changeVisibility(
  client: SQSClient,
  queueUrl: string,
  receiptHandle: string,
  visibilitySeconds: number,
  signal?: AbortSignal,
): Promise<void> {
  await client.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: queueUrl,
      ReceiptHandle: receiptHandle,
      VisibilityTimeout: Math.max(0, Math.min(43_200, Math.trunc(visibilitySeconds))),
    }),
    signal ? { abortSignal: signal } : {},
  );
}

/** Puts a message back on the queue now (visibility 0), so no one waits for its lease to lapse. */
export function releaseMessage(
  client: SQSClient,
  queueUrl: string,
  receiptHandle: string,
  signal?: AbortSignal,
): Promise<void> {
  return changeVisibility(client, queueUrl, receiptHandle, 0, signal);
}
