import { DeleteMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { workerConfigSchema } from '../../../src-main/engine/config/worker-config.ts';
import { createSqsClient, sqsRequestTimeoutMs } from '../../../src-main/engine/queue/sqs-client.ts';

const standard = 'https://sqs.eu-west-1.amazonaws.com/123456789012/codingworker-tasks';

describe('queue configuration', () => {
  it('refuses FIFO queues, for the task queue and the DLQ, with a clear message', () => {
    const fifo = workerConfigSchema.safeParse({ queueUrl: `${standard}.fifo`, dataDir: '/tmp/x' });
    expect(fifo.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['queueUrl', 'FIFO queues are not supported: use a standard queue'],
    ]);
    const fifoDlq = workerConfigSchema.safeParse({
      queueUrl: standard,
      dlqUrl: `${standard}-dlq.fifo`,
      dataDir: '/tmp/x',
    });
    expect(fifoDlq.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['dlqUrl', 'FIFO queues are not supported: use a standard queue'],
    ]);
    expect(workerConfigSchema.safeParse({ queueUrl: standard, dataDir: '/tmp/x' }).success).toBe(true);
  });

  it('gives every SQS request a timeout just past the long poll, so none can hang forever', async () => {
    expect(sqsRequestTimeoutMs(20)).toBe(30_000);
    const client = createSqsClient({
      queueUrl: standard,
      region: 'eu-west-1',
      profile: null,
      // Nothing listens here: the request fails at once, after the handler has read its config.
      sqsEndpoint: 'http://127.0.0.1:9',
      waitTimeSeconds: 5,
    });
    client.config.credentials = async () => ({ accessKeyId: 'x', secretAccessKey: 'y' });
    await client
      .send(new DeleteMessageCommand({ QueueUrl: standard, ReceiptHandle: 'r' }))
      .catch(() => undefined);
    const handler = client.config.requestHandler as { httpHandlerConfigs(): Record<string, unknown> };
    expect(handler.httpHandlerConfigs()).toMatchObject({ requestTimeout: 15_000 });
    client.destroy();
  });
});
