/**
 * Message attributes the worker attaches when it quarantines a message, and the copying rules for
 * re-sending a message elsewhere (quarantine to the DLQ, redrive back to the queue). Pure.
 *
 * The worker's metadata travels in ONE attribute, `codingworker.quarantine` (JSON: reason first, so
 * it reads at a glance in the AWS console), because SQS allows only 10 attributes per message and
 * every one of the original ones must survive the trip to the DLQ and back.
 */
import type { MessageAttributeValue } from '@aws-sdk/client-sqs';

/** Attribute names the worker owns; redrive strips every attribute with this prefix. */
export const QUARANTINE_PREFIX = 'codingworker.';
/** The one attribute the worker adds to a quarantined message. */
export const QUARANTINE_ATTRIBUTE = 'codingworker.quarantine';
/** The four attributes earlier versions wrote: still read for messages already in a DLQ. */
export const LEGACY_QUARANTINE_ATTRIBUTES = {
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

/** What a DLQ message says about why it is there; null fields where it does not say. */
export interface QuarantineMetadata {
  readonly reason: string | null;
  readonly sourceMessageId: string | null;
  readonly receiveCount: number | null;
  readonly quarantinedAt: string | null;
}

/** The worker's quarantine attribute, with the reason cut to `maxReasonChars`. */
export function quarantineAttributes(
  info: QuarantineInfo,
  maxReasonChars = MAX_REASON_CHARS,
): Record<string, MessageAttributeValue> {
  const metadata = {
    reason: truncate(info.reason || 'quarantined', maxReasonChars),
    'source-message-id': info.sourceMessageId,
    'receive-count': Math.trunc(info.receiveCount),
    'quarantined-at': info.quarantinedAt.toISOString(),
  };
  return { [QUARANTINE_ATTRIBUTE]: { DataType: 'String', StringValue: attributeSafeJson(metadata) } };
}

/** Reads the worker's quarantine metadata: the JSON attribute, else the four legacy ones. */
export function readQuarantineMetadata(
  attributes: Readonly<Record<string, MessageAttributeValue>>,
): QuarantineMetadata {
  const packed = parsePacked(attributes[QUARANTINE_ATTRIBUTE]?.StringValue);
  if (packed) return packed;
  const text = (name: string) => {
    const value = attributes[name]?.StringValue;
    return typeof value === 'string' ? value : null;
  };
  return {
    reason: text(LEGACY_QUARANTINE_ATTRIBUTES.reason),
    sourceMessageId: text(LEGACY_QUARANTINE_ATTRIBUTES.sourceMessageId),
    receiveCount: positiveInteger(text(LEGACY_QUARANTINE_ATTRIBUTES.receiveCount)),
    quarantinedAt: text(LEGACY_QUARANTINE_ATTRIBUTES.quarantinedAt),
  };
}

/**
 * The original attributes in a form SendMessage accepts (received values carry empty list fields),
 * without the worker's own ones, and at most `limit` of them.
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

/** JSON that every SQS accepts and that parses back to exactly `value` (escapes are JSON's own). */
function attributeSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\ud800-\udfff\ufffe\uffff]/g, escape);
}

function parsePacked(json: string | undefined): QuarantineMetadata | null {
  if (typeof json !== 'string') return null;
  try {
    const value = JSON.parse(json) as Record<string, unknown>;
    if (typeof value !== 'object' || value === null) return null;
    const text = (key: string) => (typeof value[key] === 'string' ? value[key] : null);
    return {
      reason: text('reason'),
      sourceMessageId: text('source-message-id'),
      receiveCount: positiveInteger(value['receive-count']),
      quarantinedAt: text('quarantined-at'),
    };
  } catch {
    return null;
  }
}

function positiveInteger(value: unknown): number | null {
  const n = Number(value ?? Number.NaN);
  return Number.isInteger(n) && n > 0 ? n : null;
}

function escape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function truncate(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}
