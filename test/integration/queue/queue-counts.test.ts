import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getQueueCounts } from '../../../src-main/engine/queue/get-queue-counts.ts';
import { sendTaskMessage } from '../../../src-main/engine/queue/send-task-message.ts';
import { startLocalSqs, type LocalSqs } from '../../support/local-sqs.ts';
import { sampleTask } from '../../support/sample-task.ts';

describe('queue depth against a real SQS emulator', () => {
  let sqs: LocalSqs;
  beforeAll(async () => {
    sqs = await startLocalSqs();
  });
  afterAll(async () => {
    await sqs.stop();
  });

  it('reads zero for a new queue and counts messages as they are sent', async () => {
    const { queueUrl, dlqUrl } = await sqs.createQueuePair('depth');
    expect(await getQueueCounts(sqs.client, queueUrl)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });

    await sendTaskMessage(sqs.client, queueUrl, sampleTask({ issue_number: 1 }));
    await sendTaskMessage(
      sqs.client,
      queueUrl,
      sampleTask({ issue_number: 2, title: '日本語のタイトル 🚀' }),
    );

    expect(await getQueueCounts(sqs.client, queueUrl)).toMatchObject({ visible: 2 });
    expect(await getQueueCounts(sqs.client, dlqUrl)).toMatchObject({ visible: 0 });
  });

  it('fails with the SDK error for a queue that does not exist', async () => {
    await expect(getQueueCounts(sqs.client, `${sqs.endpoint}/000000000000/missing`)).rejects.toThrow();
  });
});
