import { describe, expect, it } from 'vitest';
import {
  attributeSafeText,
  copyableAttributes,
  QUARANTINE_ATTRIBUTES,
  quarantineAttributes,
} from '../../../src-main/engine/queue/message-attributes.ts';
import {
  parseQueueArn,
  parseRedrivePolicy,
} from '../../../src-main/engine/queue/resolve-dead-letter-queue.ts';

describe('quarantine attributes', () => {
  it('carries the reason, source message id, receive count and time', () => {
    expect(
      quarantineAttributes({
        reason: 'repository not allowed',
        sourceMessageId: 'abc',
        receiveCount: 2,
        quarantinedAt: new Date('2026-11-20T09:00:00Z'),
      }),
    ).toEqual({
      [QUARANTINE_ATTRIBUTES.reason]: { DataType: 'String', StringValue: 'repository not allowed' },
      [QUARANTINE_ATTRIBUTES.sourceMessageId]: { DataType: 'String', StringValue: 'abc' },
      [QUARANTINE_ATTRIBUTES.receiveCount]: { DataType: 'Number', StringValue: '2' },
      [QUARANTINE_ATTRIBUTES.quarantinedAt]: { DataType: 'String', StringValue: '2026-11-20T09:00:00.000Z' },
    });
  });

  it('escapes characters some SQS implementations reject, and truncates long reasons', () => {
    expect(attributeSafeText('bad \u0001 emoji 🚀 ok é')).toBe('bad \\u0001 emoji \\ud83d\\ude80 ok é');
    const reason = quarantineAttributes({
      reason: 'x'.repeat(5000),
      sourceMessageId: 'a',
      receiveCount: 1,
      quarantinedAt: new Date(0),
    })[QUARANTINE_ATTRIBUTES.reason]!.StringValue!;
    expect(reason.length).toBe(1000);
  });

  it("copies original attributes in a form SendMessage accepts, without the worker's own", () => {
    const copied = copyableAttributes({
      trace: { DataType: 'String', StringValue: 't-1', StringListValues: [], BinaryListValues: [] },
      blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2]) },
      [QUARANTINE_ATTRIBUTES.reason]: { DataType: 'String', StringValue: 'old reason' },
      broken: { DataType: undefined },
    });
    expect(copied).toEqual({
      trace: { DataType: 'String', StringValue: 't-1' },
      blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2]) },
    });
  });

  it('keeps at most the given number of original attributes', () => {
    const many = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: String(i) }]),
    );
    expect(Object.keys(copyableAttributes(many, 6))).toHaveLength(6);
  });
});

describe('redrive policy', () => {
  it('reads the DLQ ARN and max receive count', () => {
    expect(
      parseRedrivePolicy(
        '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:tasks-dlq","maxReceiveCount":3}',
      ),
    ).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:tasks-dlq',
      maxReceiveCount: 3,
    });
    expect(parseRedrivePolicy('{"deadLetterTargetArn":"arn:x","maxReceiveCount":"5"}')?.maxReceiveCount).toBe(
      5,
    );
  });

  it('treats a missing or unreadable policy as none', () => {
    expect(parseRedrivePolicy(undefined)).toBeNull();
    expect(parseRedrivePolicy('')).toBeNull();
    expect(parseRedrivePolicy('{oops')).toBeNull();
    expect(parseRedrivePolicy('{"maxReceiveCount":3}')).toBeNull();
  });

  it('splits a queue ARN', () => {
    expect(parseQueueArn('arn:aws:sqs:eu-west-1:123456789012:codingworker-tasks-dlq')).toEqual({
      region: 'eu-west-1',
      account: '123456789012',
      name: 'codingworker-tasks-dlq',
    });
    expect(parseQueueArn('arn:aws:sns:eu-west-1:123456789012:topic')).toBeNull();
  });
});
