/**
 * Builds the SQS client from config: the default credential chain (profiles, SSO, env), the region
 * from config or the queue URL, and an endpoint override for emulators. The app never holds keys.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import type { WorkerConfig } from '../config/worker-config.ts';

export function createSqsClient(
  config: Pick<WorkerConfig, 'queueUrl' | 'region' | 'profile' | 'sqsEndpoint'>,
): SQSClient {
  const region = config.region ?? regionFromQueueUrl(config.queueUrl) ?? 'us-east-1';
  return new SQSClient({
    region,
    ...(config.profile ? { profile: config.profile } : {}),
    ...(config.sqsEndpoint ? { endpoint: config.sqsEndpoint } : {}),
    // Our own loop retries with backoff and reports "offline"; keep the SDK's retries short.
    maxAttempts: 2,
  });
}

/** https://sqs.eu-west-1.amazonaws.com/123456789012/q → eu-west-1 */
export function regionFromQueueUrl(queueUrl: string): string | null {
  const match = /^https?:\/\/sqs[.-]([a-z]{2}(?:-[a-z]+)+-\d)\./.exec(queueUrl);
  return match?.[1] ?? null;
}
