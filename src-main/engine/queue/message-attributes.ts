/**
 * Message attributes the worker attaches when it quarantines a message, and the copying rules for
 * re-sending a message elsewhere (quarantine to the DLQ, redrive back to the queue). Pure.
 */
import type { MessageAttributeValue } from '@aws-sdk/client-sqs';

/** Attribute names the worker owns; redrive strips every attribute with this prefix. */
export const QUARANTINE_PREFIX = 'codingworker.';
export const QUARANTINE_ATTRIBUTES = {
  reason: 'codingworker.reason',
  sourceMessageId: 'codingworker.source-message-id',
  receiveCount: 'codingworker.receive-count',
  quarantinedAt: 'codingworker.quarantined-at',
} as const;

/** SQS allows at most 10 message attributes per message. */
export const MAX_MESSAGE_ATTRIBUTES = 10;
/** Longest reason kept in the attribute; the full text is in the job's log and history. */
export const MAX_REASON_CHARS = 1000;

export interface QuarantineInfo {
  readonly reason: string;
  readonly sourceMessageId: string;
  readonly receiveCount: number;
  readonly quarantinedAt: Date;
}

export function quarantineAttributes(info: QuarantineInfo): Record<string, MessageAttributeValue> {
  return {
    [QUARANTINE_ATTRIBUTES.reason]: text(
      truncate(attributeSafeText(info.reason) || 'quarantined', MAX_REASON_CHARS),
    ),
    [QUARANTINE_ATTRIBUTES.sourceMessageId]: text(info.sourceMessageId),
    [QUARANTINE_ATTRIBUTES.receiveCount]: {
      DataType: 'Number',
      StringValue: String(Math.trunc(info.receiveCount)),
    },
    [QUARANTINE_ATTRIBUTES.quarantinedAt]: text(info.quarantinedAt.toISOString()),
  };
}

/**
 * The original attributes in a form SendMessage accepts (received values carry empty list fields),
 * without the worker's own ones, and at most `limit` of them so added attributes still fit.
 */
export function copyableAttributes(
  attributes: Readonly<Record<string, MessageAttributeValue>>,
  limit = MAX_MESSAGE_ATTRIBUTES,
): Record<string, MessageAttributeValue> {
  const out: Record<string, MessageAttributeValue> = {};
  let kept = 0;
  for (const [name, value] of Object.entries(attributes)) {
    if (kept >= limit) break;
    if (name.startsWith(QUARANTINE_PREFIX) || !value.DataType) continue;
    if (value.StringValue !== undefined)
      out[name] = { DataType: value.DataType, StringValue: value.StringValue };
    else if (value.BinaryValue !== undefined)
      out[name] = { DataType: value.DataType, BinaryValue: value.BinaryValue };
    else continue;
    kept++;
  }
  return out;
}

/**
 * Text SQS accepts in any implementation: control characters and characters outside the Basic
 * Multilingual Plane (which fauxqs rejects) become \uXXXX escapes, as the producer does for bodies.
 */
export function attributeSafeText(value: string): string {
  return value.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function text(value: string): MessageAttributeValue {
  return { DataType: 'String', StringValue: value };
}

function truncate(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}
