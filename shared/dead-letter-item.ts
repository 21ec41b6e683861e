/** A message in the dead-letter queue, as the DLQ list shows it. */
import type { IssueRef } from './snapshot.ts';

export interface DlqItem {
  readonly messageId: string;
  readonly issue: IssueRef | null;
  /** First characters of the body, for messages that are not valid tasks. */
  readonly summary: string;
  /** The quarantine reason the worker attached, or null when SQS's redrive put it there. */
  readonly reason: string | null;
  readonly sourceMessageId: string | null;
  readonly receiveCount: number;
  /** When the message was first sent (SQS keeps the original time in the DLQ). */
  readonly sentAt: string | null;
}
