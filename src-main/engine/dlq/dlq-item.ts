/** A DLQ message as the UI lists it: issue and reason read from the body and the worker's attributes. Pure. */
import type { DlqItem } from '../../../shared/dead-letter-item.ts';
import { parseTaskMessage, taskSummary } from '../../../shared/task-message.ts';
import { readQuarantineMetadata } from '../queue/message-attributes.ts';
import type { ReceivedMessage } from '../queue/message-delivery.ts';

export const SUMMARY_CHARS = 200;

export function toDlqItem(message: ReceivedMessage): DlqItem {
  const parsed = parseTaskMessage(message.body);
  // Reads the packed attribute, and the four separate ones of messages quarantined by older versions.
  const quarantine = readQuarantineMetadata(message.attributes);
  return {
    messageId: message.messageId,
    issue: parsed.ok
      ? {
          repository: parsed.value.repository,
          number: parsed.value.issue_number,
          title: taskSummary(parsed.value),
        }
      : null,
    summary: parsed.ok ? taskSummary(parsed.value) : summarize(message.body),
    reason: quarantine.reason,
    sourceMessageId: quarantine.sourceMessageId,
    // A quarantined copy starts counting afresh in the DLQ: the count at the source is the one that matters.
    receiveCount: quarantine.receiveCount ?? message.receiveCount,
    sentAt: message.sentAt === null ? null : new Date(message.sentAt).toISOString(),
  };
}

function summarize(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > SUMMARY_CHARS ? `${flat.slice(0, SUMMARY_CHARS - 1)}…` : flat;
}
