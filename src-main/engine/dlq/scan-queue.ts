/**
 * Looks at a queue's messages without consuming them: receives in rounds with a short visibility
 * timeout (so a crash hides them only briefly) until a round brings no new message, then makes every
 * message it holds visible again at once. SQS has no "peek"; this is the closest honest thing.
 */
import { ChangeMessageVisibilityBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { receiveMessages } from '../queue/receive-messages.ts';
import type { ReceivedMessage } from '../queue/message-delivery.ts';

export interface ScanOptions {
  /** Stop after this many distinct messages. */
  readonly maxItems: number;
  /** How long scanned messages stay hidden if we crash before releasing them. */
  readonly visibilitySeconds: number;
  /** Rounds in a row without a new message before the scan ends (AWS short polls sample servers). */
  readonly emptyRounds: number;
  /** Stop early once this is true. */
  readonly until?: (held: readonly ReceivedMessage[]) => boolean;
}

export interface ScanResult {
  /** One entry per distinct message id, in the order received. */
  readonly messages: readonly ReceivedMessage[];
}

/**
 * Scans, calls `use` with what it found, then releases every message `use` did not consume (by id).
 * Fails with the SDK's error; messages already held are released on the way out.
 */
export async function withScannedMessages<T>(
  client: SQSClient,
  queueUrl: string,
  options: ScanOptions,
  use: (scan: ScanResult) => Promise<{ result: T; consumed: ReadonlySet<string> }>,
): Promise<T> {
  const handles: { messageId: string; receiptHandle: string }[] = [];
  const byId = new Map<string, ReceivedMessage>();
  let consumed: ReadonlySet<string> = new Set();
  try {
    let empty = 0;
    while (byId.size < options.maxItems && empty < options.emptyRounds) {
      const batch = await receiveMessages(client, {
        queueUrl,
        maxMessages: Math.min(10, options.maxItems - byId.size),
        waitTimeSeconds: 0,
        visibilitySeconds: options.visibilitySeconds,
      });
      let fresh = 0;
      for (const message of batch) {
        handles.push({ messageId: message.messageId, receiptHandle: message.receiptHandle });
        if (!byId.has(message.messageId)) {
          byId.set(message.messageId, message);
          fresh++;
        }
      }
      empty = fresh === 0 ? empty + 1 : 0;
      if (options.until?.([...byId.values()])) break;
    }
    const used = await use({ messages: [...byId.values()] });
    consumed = used.consumed;
    return used.result;
  } finally {
    await releaseHandles(
      client,
      queueUrl,
      handles.filter((h) => !consumed.has(h.messageId)).map((h) => h.receiptHandle),
    );
  }
}

/** Makes messages visible again; a handle that is no longer valid is simply skipped. */
export async function releaseHandles(
  client: SQSClient,
  queueUrl: string,
  receiptHandles: readonly string[],
): Promise<void> {
  for (let i = 0; i < receiptHandles.length; i += 10) {
    const chunk = receiptHandles.slice(i, i + 10);
    await client
      .send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: queueUrl,
          Entries: chunk.map((handle, n) => ({ Id: String(n), ReceiptHandle: handle, VisibilityTimeout: 0 })),
        }),
      )
      .catch(() => {
        // The messages reappear when their short scan visibility lapses.
      });
  }
}
