/**
 * Reads a queue's approximate counts with GetQueueAttributes. SQS's counters are approximate (and an
 * emulator's refresh only while something polls), so the UI labels them as such.
 * Fails with the SDK's error (network, credentials, QueueDoesNotExist); callers decide what it means.
 */
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueCounts } from '../../../shared/snapshot.ts';

export async function getQueueCounts(
  client: SQSClient,
  queueUrl: string,
  signal?: AbortSignal,
): Promise<QueueCounts> {
  const { Attributes: attributes = {} } = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
    signal ? { abortSignal: signal } : {},
  );
  return {
    visible: count(attributes.ApproximateNumberOfMessages),
    inFlight: count(attributes.ApproximateNumberOfMessagesNotVisible),
    delayed: count(attributes.ApproximateNumberOfMessagesDelayed),
  };
}

function count(value: string | undefined): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) && n >= 0 ? n : 0;
}
