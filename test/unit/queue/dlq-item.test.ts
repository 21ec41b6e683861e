import { describe, expect, it } from 'vitest';
import { toDlqItem } from '../../../src-main/engine/dlq/dlq-item.ts';
import { quarantineAttributes } from '../../../src-main/engine/queue/message-attributes.ts';
import type { ReceivedMessage } from '../../../src-main/engine/queue/message-delivery.ts';
import { asciiJson } from '../../../src-main/engine/queue/send-task-message.ts';
import { sampleTask } from '../../support/sample-task.ts';

function message(body: string, attributes: ReceivedMessage['attributes'] = {}): ReceivedMessage {
  return {
    messageId: 'dlq-1',
    receiptHandle: 'h',
    body,
    receiveCount: 4,
    sentAt: Date.parse('2026-11-20T09:00:00Z'),
    attributes,
  };
}

describe('DLQ item', () => {
  it('shows the issue of a valid task and the quarantine attribute', () => {
    const item = toDlqItem(
      message(
        asciiJson(sampleTask()),
        quarantineAttributes({
          reason: 'repository not allowed',
          sourceMessageId: 'src-1',
          receiveCount: 2,
          quarantinedAt: new Date('2026-11-20T10:00:00Z'),
        }),
      ),
    );
    expect(item).toEqual({
      messageId: 'dlq-1',
      issue: { repository: 'octo-org/hello-world', number: 42, title: 'Fix the greeting' },
      summary: 'Fix the greeting',
      reason: 'repository not allowed',
      sourceMessageId: 'src-1',
      receiveCount: 2,
      sentAt: '2026-11-20T09:00:00.000Z',
    });
  });

  it('still reads the four attributes of messages quarantined before they were packed into one', () => {
    const item = toDlqItem(
      message(asciiJson(sampleTask()), {
        'codingworker.reason': { DataType: 'String', StringValue: 'repository not allowed' },
        'codingworker.source-message-id': { DataType: 'String', StringValue: 'src-1' },
        'codingworker.receive-count': { DataType: 'Number', StringValue: '2' },
      }),
    );
    expect(item).toEqual({
      messageId: 'dlq-1',
      issue: { repository: 'octo-org/hello-world', number: 42, title: 'Fix the greeting' },
      summary: 'Fix the greeting',
      reason: 'repository not allowed',
      sourceMessageId: 'src-1',
      receiveCount: 2,
      sentAt: '2026-11-20T09:00:00.000Z',
    });
  });

  it('summarises an invalid body by its first 200 characters', () => {
    const item = toDlqItem(message(`not json ${'x'.repeat(500)}`));
    expect(item.issue).toBeNull();
    expect(item.summary).toHaveLength(200);
    expect(item.summary.startsWith('not json xxx')).toBe(true);
  });

  it('has no reason for a message SQS moved by its redrive policy, and uses its receive count', () => {
    expect(toDlqItem(message('{}'))).toMatchObject({ reason: null, sourceMessageId: null, receiveCount: 4 });
  });
});
