import { describe, expect, it } from 'vitest';
import {
  copyableAttributes,
  LEGACY_QUARANTINE_ATTRIBUTES,
  QUARANTINE_ATTRIBUTE,
  quarantineAttributes,
  readQuarantineMetadata,
} from '../../../src-main/engine/queue/message-attributes.ts';
import {
  parseQueueArn,
  parseRedrivePolicy,
} from '../../../src-main/engine/queue/resolve-dead-letter-queue.ts';

describe('quarantine attributes', () => {
  const info = {
    reason: 'repository not allowed',
    sourceMessageId: 'abc',
    receiveCount: 2,
    quarantinedAt: new Date('2026-11-20T09:00:00Z'),
  };

  it('packs reason, source message id, receive count and time into one readable attribute', () => {
    const added = quarantineAttributes(info);
    expect(Object.keys(added)).toEqual([QUARANTINE_ATTRIBUTE]);
    expect(added[QUARANTINE_ATTRIBUTE]).toEqual({
      DataType: 'String',
      StringValue:
        '{"reason":"repository not allowed","source-message-id":"abc","receive-count":2,"quarantined-at":"2026-11-20T09:00:00.000Z"}',
    });
    expect(readQuarantineMetadata(added)).toEqual({
      reason: 'repository not allowed',
      sourceMessageId: 'abc',
      receiveCount: 2,
      quarantinedAt: '2026-11-20T09:00:00.000Z',
    });
  });

  it('still reads the four separate attributes of messages quarantined by earlier versions', () => {
    expect(
      readQuarantineMetadata({
        [LEGACY_QUARANTINE_ATTRIBUTES.reason]: { DataType: 'String', StringValue: 'old reason' },
        [LEGACY_QUARANTINE_ATTRIBUTES.sourceMessageId]: { DataType: 'String', StringValue: 'src-1' },
        [LEGACY_QUARANTINE_ATTRIBUTES.receiveCount]: { DataType: 'Number', StringValue: '3' },
        [LEGACY_QUARANTINE_ATTRIBUTES.quarantinedAt]: {
          DataType: 'String',
          StringValue: '2026-01-01T00:00:00Z',
        },
      }),
    ).toEqual({
      reason: 'old reason',
      sourceMessageId: 'src-1',
      receiveCount: 3,
      quarantinedAt: '2026-01-01T00:00:00Z',
    });
    expect(readQuarantineMetadata({})).toEqual({
      reason: null,
      sourceMessageId: null,
      receiveCount: null,
      quarantinedAt: null,
    });
    expect(
      readQuarantineMetadata({ [QUARANTINE_ATTRIBUTE]: { DataType: 'String', StringValue: '{oops' } }).reason,
    ).toBeNull();
  });

  it('escapes characters some SQS implementations reject, yet reads the reason back exactly', () => {
    const added = quarantineAttributes({ ...info, reason: 'bad \u0001 emoji 🚀 ok é' });
    // eslint-disable-next-line no-control-regex
    expect(added[QUARANTINE_ATTRIBUTE]!.StringValue).not.toMatch(/[\u0000-\u001f\ud800-\udfff]/);
    expect(readQuarantineMetadata(added).reason).toBe('bad \u0001 emoji 🚀 ok é');
  });

  it('truncates long reasons, to the given length', () => {
    const long = { ...info, reason: 'x'.repeat(5000) };
    expect(readQuarantineMetadata(quarantineAttributes(long)).reason).toHaveLength(1000);
    expect(readQuarantineMetadata(quarantineAttributes(long, 200)).reason).toHaveLength(200);
  });

  it("copies original attributes in a form SendMessage accepts, without the worker's own", () => {
    const copied = copyableAttributes({
      trace: { DataType: 'String', StringValue: 't-1', StringListValues: [], BinaryListValues: [] },
      blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2]) },
      [LEGACY_QUARANTINE_ATTRIBUTES.reason]: { DataType: 'String', StringValue: 'old reason' },
      [QUARANTINE_ATTRIBUTE]: { DataType: 'String', StringValue: '{}' },
      broken: { DataType: undefined },
    });
    expect(copied).toEqual({
      trace: { DataType: 'String', StringValue: 't-1' },
      blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2]) },
    });
  });

  it('keeps all 10 original attributes by default, or at most the given number', () => {
    const many = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: String(i) }]),
    );
    expect(Object.keys(copyableAttributes(many))).toHaveLength(10);
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
