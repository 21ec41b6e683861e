import {
  SendMessageCommand,
  SetQueueAttributesCommand,
  type MessageAttributeValue,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import {
  QUARANTINE_ATTRIBUTE,
  readQuarantineMetadata,
} from '../../../src-main/engine/queue/message-attributes.ts';
import { asciiJson } from '../../../src-main/engine/queue/send-task-message.ts';
import { sampleTask } from '../../support/sample-task.ts';
import { receiveNow, until, useWorkerSuite } from './harness.ts';

function originals(count: number): Record<string, MessageAttributeValue> {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`attr${i}`, { DataType: 'String', StringValue: `value-${i}` }]),
  );
}

describe('worker: quarantine keeps the message whole', () => {
  const suite = useWorkerSuite();

  async function quarantine(
    options: { attributes?: number; body?: string; reason?: string; dlqMaxBytes?: number } = {},
  ) {
    const { queueUrl, dlqUrl } = await suite.queue('quarantine');
    if (options.dlqMaxBytes) {
      await suite.sqs.client.send(
        new SetQueueAttributesCommand({
          QueueUrl: dlqUrl,
          Attributes: { MaximumMessageSize: String(options.dlqMaxBytes) },
        }),
      );
    }
    const reason = options.reason ?? 'repository not allowed';
    const t = await suite.start(queueUrl, async () => ({ kind: 'permanent', reason }));
    const body = options.body ?? asciiJson(sampleTask());
    const sent = await suite.sqs.client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: body,
        MessageAttributes: originals(options.attributes ?? 0),
      }),
    );
    const record = await until(() => t.journal.records[0]);
    const [copy] = await receiveNow(suite.sqs.client, dlqUrl, { wait: 1 });
    expect(await receiveNow(suite.sqs.client, queueUrl)).toEqual([]);
    return { record, copy: copy!, messageId: sent.MessageId!, body };
  }

  it('keeps all 10 original attributes, leaving its own out when there is no slot left', async () => {
    const { record, copy, body } = await quarantine({ attributes: 10 });
    expect(copy.Body).toBe(body);
    expect(copy.MessageAttributes).toEqual(
      Object.fromEntries(Object.entries(originals(10)).map(([k, v]) => [k, expect.objectContaining(v)])),
    );
    // The reason is still in the history.
    expect(record).toMatchObject({ outcome: 'quarantined', reason: 'repository not allowed' });
  });

  it('adds its metadata as one attribute next to 9 originals', async () => {
    const { copy, messageId } = await quarantine({ attributes: 9 });
    expect(Object.keys(copy.MessageAttributes!).sort()).toEqual(
      [...Object.keys(originals(9)), QUARANTINE_ATTRIBUTE].sort(),
    );
    expect(readQuarantineMetadata(copy.MessageAttributes!)).toMatchObject({
      reason: 'repository not allowed',
      sourceMessageId: messageId,
      receiveCount: 1,
    });
  });

  it('shortens the reason when the copy would be too large for the DLQ', async () => {
    const body = asciiJson(sampleTask({ body: 'x'.repeat(350) }));
    const { copy } = await quarantine({ body, reason: `r${'e'.repeat(999)}`, dlqMaxBytes: 1024 });
    expect(copy.Body).toBe(body);
    const reason = readQuarantineMetadata(copy.MessageAttributes!).reason!;
    expect(reason).toHaveLength(200);
    expect(reason.startsWith('reee')).toBe(true);
  });

  it('sends the copy without its metadata when even a short reason does not fit', async () => {
    const body = asciiJson(sampleTask({ body: 'x'.repeat(700) }));
    const { copy, record } = await quarantine({ body, attributes: 1, dlqMaxBytes: 1024 });
    expect(copy.Body).toBe(body);
    expect(Object.keys(copy.MessageAttributes!)).toEqual(['attr0']);
    expect(record).toMatchObject({ outcome: 'quarantined', reason: 'repository not allowed' });
  });
});
