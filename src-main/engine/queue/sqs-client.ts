/**
 * Builds the SQS client from config: the default credential chain (profiles, SSO, env), the region
 * from config or the queue URL, and an endpoint override for emulators. The app never holds keys.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import type { WorkerConfig } from '../config/worker-config.ts';

/** How much longer than the long poll any request may take before the SDK gives up on it. */
const REQUEST_TIMEOUT_SLACK_SECONDS = 10;
const CONNECTION_TIMEOUT_MS = 10_000;

export function createSqsClient(
  config: Pick<WorkerConfig, 'queueUrl' | 'region' | 'profile' | 'sqsEndpoint'> &
    Partial<Pick<WorkerConfig, 'waitTimeSeconds'>>,
): SQSClient {
  const region = config.region ?? regionFromQueueUrl(config.queueUrl) ?? 'us-east-1';
  return new SQSClient({
    region,
    ...(config.profile ? { profile: config.profile } : {}),
    ...(config.sqsEndpoint ? { endpoint: config.sqsEndpoint } : {}),
    // Our own loop retries with backoff and reports "offline"; keep the SDK's retries short.
    maxAttempts: 2,
    // Without a timeout a request caught by sleep or a dead connection hangs forever (smithy's
    // default is none). The long poll is the longest legitimate request.
    requestHandler: {
      requestTimeout: sqsRequestTimeoutMs(config.waitTimeSeconds ?? 20),
      connectionTimeout: CONNECTION_TIMEOUT_MS,
    },
  });
}

/** The SDK's per-request timeout: the long poll plus slack. */
export function sqsRequestTimeoutMs(waitTimeSeconds: number): number {
  return (waitTimeSeconds + REQUEST_TIMEOUT_SLACK_SECONDS) * 1000;
}

/** https://sqs.eu-west-1.amazonaws.com/123456789012/q → eu-west-1 */
export function regionFromQueueUrl(queueUrl: string): string | null {
  const match = /^https?:\/\/sqs[.-]([a-z]{2}(?:-[a-z]+)+-\d)\./.exec(queueUrl);
  return match?.[1] ?? null;
}
