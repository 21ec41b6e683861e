import { SendMessageCommand, type StartMessageMoveTaskCommandInput } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DlqOperations, MAX_BATCH_BYTES } from '../../../src-main/engine/dlq/dlq-operations.ts';
import { getQueueCounts } from '../../../src-main/engine/queue/get-queue-counts.ts';
import { quarantineAttributes } from '../../../src-main/engine/queue/message-attributes.ts';
import { asciiJson } from '../../../src-main/engine/queue/send-task-message.ts';
import { startLocalSqs, type LocalSqs } from '../../support/local-sqs.ts';
import { sampleTask } from '../../support/sample-task.ts';
import { countSqsRequests } from '../../support/sqs-request-counter.ts';
import { newClient, queueName, receiveNow } from '../worker/harness.ts';

describe('DLQ operations against fauxqs', () => {
  let sqs: LocalSqs;
  beforeAll(async () => {
    sqs = await startLocalSqs();
  });
  afterAll(async () => {
    await sqs.stop();
  });

  /** A DLQ holding one quarantined task, one redriven-by-SQS style message and one garbage body. */
  async function filledDlq() {
    const pair = await sqs.createQueuePair(queueName('dlq'));
    const quarantined = await sqs.client.send(
      new SendMessageCommand({
        QueueUrl: pair.dlqUrl,
        MessageBody: asciiJson(sampleTask({ issue_number: 7, title: 'Add a README' })),
        MessageAttributes: {
          traceparent: { DataType: 'String', StringValue: 't-1' },
          ...quarantineAttributes({
            reason: 'repository not allowed',
            sourceMessageId: 'src-7',
            receiveCount: 1,
            quarantinedAt: new Date(),
          }),
        },
      }),
    );
    const plain = await sqs.client.send(
      new SendMessageCommand({
        QueueUrl: pair.dlqUrl,
        MessageBody: asciiJson(sampleTask({ issue_number: 8 })),
      }),
    );
    const garbage = await sqs.client.send(
      new SendMessageCommand({ QueueUrl: pair.dlqUrl, MessageBody: 'not json at all' }),
    );
    const ops = new DlqOperations({ client: sqs.client, queueUrl: pair.queueUrl, dlqUrl: pair.dlqUrl });
    return {
      ...pair,
      ops,
      ids: { quarantined: quarantined.MessageId!, plain: plain.MessageId!, garbage: garbage.MessageId! },
    };
  }

  it('lists every DLQ message with its issue or summary and reason, and hides none of them', async () => {
    const { ops, ids, dlqUrl } = await filledDlq();
    const items = await ops.list();
    const byId = new Map(items.map((i) => [i.messageId, i]));
    expect(items).toHaveLength(3);
    expect(byId.get(ids.quarantined)).toMatchObject({
      issue: { repository: 'octo-org/hello-world', number: 7, title: 'Add a README' },
      summary: 'Add a README',
      reason: 'repository not allowed',
      sourceMessageId: 'src-7',
      receiveCount: 1,
    });
    expect(byId.get(ids.plain)).toMatchObject({ issue: { number: 8 }, reason: null, sourceMessageId: null });
    expect(byId.get(ids.garbage)).toMatchObject({ issue: null, summary: 'not json at all' });
    expect(Date.parse(byId.get(ids.garbage)!.sentAt!)).not.toBeNaN();
    // Listing put everything back: all three are visible again at once.
    expect(await getQueueCounts(sqs.client, dlqUrl)).toMatchObject({ visible: 3, inFlight: 0 });
  });

  it('caps the listing at maxItems', async () => {
    const pair = await sqs.createQueuePair(queueName('dlq-cap'));
    for (let i = 0; i < 15; i++)
      await sqs.client.send(new SendMessageCommand({ QueueUrl: pair.dlqUrl, MessageBody: `m${i}` }));
    const ops = new DlqOperations({
      client: sqs.client,
      queueUrl: pair.queueUrl,
      dlqUrl: pair.dlqUrl,
      maxItems: 12,
    });
    expect(await ops.list()).toHaveLength(12);
    expect(await getQueueCounts(sqs.client, pair.dlqUrl)).toMatchObject({ visible: 15 });
  });

  it('deletes one message and leaves the others visible', async () => {
    const { ops, ids, dlqUrl } = await filledDlq();
    expect(await ops.delete(ids.plain)).toBe(true);
    expect(await ops.delete('no-such-id')).toBe(false);
    const left = (await ops.list()).map((i) => i.messageId).sort();
    expect(left).toEqual([ids.quarantined, ids.garbage].sort());
    expect(await getQueueCounts(sqs.client, dlqUrl)).toMatchObject({ visible: 2, inFlight: 0 });
  });

  it('redrives one message to the queue with its body and attributes, minus the quarantine ones', async () => {
    const { ops, ids, queueUrl, dlqUrl } = await filledDlq();
    expect(await ops.redrive(ids.quarantined)).toEqual({
      moved: 1,
      method: 'manual',
      failed: 0,
      problems: [],
    });
    const [back] = await receiveNow(sqs.client, queueUrl, { wait: 1 });
    expect(back?.Body).toBe(asciiJson(sampleTask({ issue_number: 7, title: 'Add a README' })));
    expect(back?.MessageAttributes).toEqual({ traceparent: { DataType: 'String', StringValue: 't-1' } });
    expect(await getQueueCounts(sqs.client, dlqUrl)).toMatchObject({ visible: 2, inFlight: 0 });
    expect(await ops.redrive('no-such-id')).toEqual({ moved: 0, method: 'manual', failed: 0, problems: [] });
  });

  it('redrives all messages by re-sending them where move tasks are not supported (fauxqs)', async () => {
    const { ops, queueUrl, dlqUrl } = await filledDlq();
    expect(await ops.redriveAll()).toEqual({ moved: 3, method: 'manual', failed: 0, problems: [] });
    expect(await getQueueCounts(sqs.client, dlqUrl)).toMatchObject({ visible: 0, inFlight: 0 });
    const back = await receiveNow(sqs.client, queueUrl, { wait: 1 });
    expect(back.map((m) => m.Body).sort()).toEqual(
      [
        asciiJson(sampleTask({ issue_number: 7, title: 'Add a README' })),
        asciiJson(sampleTask({ issue_number: 8 })),
        'not json at all',
      ].sort(),
    );
    expect(
      back.every((m) => !Object.keys(m.MessageAttributes ?? {}).some((k) => k.startsWith('codingworker.'))),
    ).toBe(true);
  });

  it('redrives all with StartMessageMoveTask from the DLQ to the queue where SQS supports it', async () => {
    const { queueUrl, dlqUrl } = await filledDlq();
    const client = newClient(sqs.endpoint);
    const counter = countSqsRequests(client);
    const moveTasks: StartMessageMoveTaskCommandInput[] = [];
    // Answer StartMessageMoveTask as AWS would (fauxqs has no such action); everything else is real.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'StartMessageMoveTaskCommand') return next(args);
        moveTasks.push(args.input as StartMessageMoveTaskCommandInput);
        return { output: { TaskHandle: 'task-1', $metadata: {} }, response: {} };
      },
      { step: 'initialize', name: 'fakeMoveTask' },
    );
    const ops = new DlqOperations({ client, queueUrl, dlqUrl });
    expect(await ops.redriveAll()).toEqual({ moved: 3, method: 'move-task', failed: 0, problems: [] });
    const name = (url: string) => url.split('/').at(-1);
    expect(moveTasks).toEqual([
      {
        SourceArn: `arn:aws:sqs:us-east-1:000000000000:${name(dlqUrl)}`,
        DestinationArn: `arn:aws:sqs:us-east-1:000000000000:${name(queueUrl)}`,
      },
    ]);
    expect(counter.count('ReceiveMessage')).toBe(0);
    expect(counter.count('SendMessage') + counter.count('SendMessageBatch')).toBe(0);
    client.destroy();
  });

  it('runs one operation at a time, so concurrent listings see the same messages', async () => {
    const { ops } = await filledDlq();
    const [a, b] = await Promise.all([ops.list(), ops.list()]);
    expect(a).toHaveLength(3);
    expect(b).toHaveLength(3);
  });

  it('still lists the reason of messages quarantined with the four separate attributes of earlier versions', async () => {
    const pair = await sqs.createQueuePair(queueName('dlq-legacy'));
    const sent = await sqs.client.send(
      new SendMessageCommand({
        QueueUrl: pair.dlqUrl,
        MessageBody: asciiJson(sampleTask({ issue_number: 9 })),
        MessageAttributes: {
          'codingworker.reason': { DataType: 'String', StringValue: 'old reason' },
          'codingworker.source-message-id': { DataType: 'String', StringValue: 'src-9' },
          'codingworker.receive-count': { DataType: 'Number', StringValue: '2' },
          'codingworker.quarantined-at': { DataType: 'String', StringValue: '2026-01-01T00:00:00.000Z' },
        },
      }),
    );
    const ops = new DlqOperations({ client: sqs.client, queueUrl: pair.queueUrl, dlqUrl: pair.dlqUrl });
    expect(await ops.list()).toEqual([
      expect.objectContaining({
        messageId: sent.MessageId,
        reason: 'old reason',
        sourceMessageId: 'src-9',
        receiveCount: 2,
      }),
    ]);
  });

  it('counts as moved only what left the DLQ, and reports a message it could not delete there', async () => {
    const { queueUrl, dlqUrl } = await filledDlq();
    const client = newClient(sqs.endpoint);
    // SQS refuses to delete one of the re-sent messages from the DLQ, in the batch and alone.
    let refused: string | null = null;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as {
          Entries?: { Id: string; ReceiptHandle: string }[];
          ReceiptHandle?: string;
        };
        if (context.commandName === 'DeleteMessageBatchCommand' && refused === null) {
          const [first, ...rest] = input.Entries!;
          refused = first!.ReceiptHandle;
          const result = await next({ ...args, input: { ...input, Entries: rest } as typeof args.input });
          const output = result.output as { Failed?: unknown[] };
          output.Failed = [
            { Id: first!.Id, Code: 'InternalError', SenderFault: false, Message: 'try again' },
          ];
          return result;
        }
        if (context.commandName === 'DeleteMessageCommand' && input.ReceiptHandle === refused) {
          throw Object.assign(new Error('We encountered an internal error'), { name: 'InternalError' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'refuseOneDelete' },
    );
    const ops = new DlqOperations({ client, queueUrl, dlqUrl, scanVisibilitySeconds: 1 });
    const result = await ops.redriveAll();
    expect(result).toMatchObject({ moved: 2, method: 'manual', failed: 1 });
    expect(result.problems).toEqual([
      expect.stringMatching(/could not be deleted from the DLQ.*both queues/),
    ]);
    expect((await getQueueCounts(sqs.client, queueUrl)).visible).toBe(3);
    const inDlq = await getQueueCounts(sqs.client, dlqUrl);
    expect(inDlq.visible + inDlq.inFlight).toBe(1);
    client.destroy();
  });

  it('splits a redrive into batches SQS accepts (256 KiB in all per SendMessageBatch)', async () => {
    const pair = await sqs.createQueuePair(queueName('dlq-big'));
    const big = (n: number) => asciiJson(sampleTask({ issue_number: n, body: 'x'.repeat(100 * 1024) }));
    for (const n of [1, 2, 3]) {
      await sqs.client.send(new SendMessageCommand({ QueueUrl: pair.dlqUrl, MessageBody: big(n) }));
    }
    const client = newClient(sqs.endpoint);
    const counter = countSqsRequests(client);
    const ops = new DlqOperations({ client, queueUrl: pair.queueUrl, dlqUrl: pair.dlqUrl });
    expect(await ops.redriveAll()).toMatchObject({ moved: 3, failed: 0 });
    const batches = counter.inputs('SendMessageBatch') as { Entries: { MessageBody: string }[] }[];
    expect(batches.flatMap((b) => b.Entries)).toHaveLength(3);
    for (const batch of batches) {
      const bytes = batch.Entries.reduce((sum, e) => sum + Buffer.byteLength(e.MessageBody, 'utf8'), 0);
      expect(bytes).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    }
    expect((await getQueueCounts(sqs.client, pair.queueUrl)).visible).toBe(3);
    client.destroy();
  });
});
