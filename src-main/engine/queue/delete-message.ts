/**
 * DeleteMessage: the message is done (success or a deliberate no-op). SQS accepts a stale receipt
 * handle without an error and may then keep the message, so deleting only settles what we still hold.
 */
import { DeleteMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

export async function deleteMessage(
  client: SQSClient,
  queueUrl: string,
  receiptHandle: string,
  signal?: AbortSignal,
): Promise<void> {
  await client.send(
    new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle }),
    signal ? { abortSignal: signal } : {},
  );
}
