/**
 * What the user can do with the dead-letter queue: list it, delete a message, send one or all back
 * to the task queue. Redriven messages keep their body and original attributes but lose the
 * worker's quarantine attributes. Operations run one at a time so two UIs cannot hide messages
 * from each other mid-scan. Every method fails with the SDK's error. A manual redrive counts only the
 * messages that really left the DLQ, and reports the ones that did not (or that could be sent back
 * but not deleted, and so sit in both queues).
 */
import { withRetryNote, type RetryNote } from '../retry/retry-message.ts';
import {
  DeleteMessageBatchCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
  type MessageAttributeValue,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { RedriveResult } from '../../../shared/bridge.ts';
import type { DlqItem } from '../../../shared/dead-letter-item.ts';
import { deleteMessage } from '../queue/delete-message.ts';
import { getQueueArn } from '../queue/get-queue-arn.ts';
import { getQueueCounts } from '../queue/get-queue-counts.ts';
import { copyableAttributes } from '../queue/message-attributes.ts';
import { receiveMessages } from '../queue/receive-messages.ts';
import type { ReceivedMessage } from '../queue/message-delivery.ts';
import { errorNames, isAccessDeniedError, isUnsupportedActionError } from '../queue/sqs-errors.ts';
import { toDlqItem } from './dlq-item.ts';
import { releaseHandles, withScannedMessages } from './scan-queue.ts';

/** A message looked up by id is searched among at most this many. */
const FIND_SCAN_LIMIT = 1000;
/** SendMessageBatch's limit on the sum of its messages' sizes (AWS; fauxqs does not enforce it). */
export const MAX_BATCH_BYTES = 262_144;
const MAX_BATCH_ENTRIES = 10;

/** A redrive's result with what went wrong (the bridge's RedriveResult plus the failures). */
export type DlqRedriveResult = RedriveResult;

interface MoveTally {
  moved: number;
  readonly problems: string[];
}

export interface DlqOperationsOptions {
  readonly client: SQSClient;
  /** The task queue messages are sent back to. */
  readonly queueUrl: string;
  readonly dlqUrl: string;
  /** Most messages list() returns. Default 100. */
  readonly maxItems?: number;
  /** How long scanned messages stay hidden if the app dies mid-scan. Default 30 s. */
  readonly scanVisibilitySeconds?: number;
}

export class DlqOperations {
  readonly #client: SQSClient;
  readonly #queueUrl: string;
  readonly #dlqUrl: string;
  readonly #maxItems: number;
  readonly #visibility: number;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: DlqOperationsOptions) {
    this.#client = options.client;
    this.#queueUrl = options.queueUrl;
    this.#dlqUrl = options.dlqUrl;
    this.#maxItems = options.maxItems ?? 100;
    this.#visibility = options.scanVisibilitySeconds ?? 30;
  }

  /** Up to maxItems DLQ messages; every one is visible again when this resolves. */
  list(): Promise<DlqItem[]> {
    return this.#serial(() =>
      withScannedMessages(this.#client, this.#dlqUrl, this.#scanOptions(), async ({ messages }) => ({
        result: messages.map(toDlqItem),
        consumed: new Set<string>(),
      })),
    );
  }

  /** Deletes one DLQ message for good. Returns false when it is not (or no longer) there. */
  delete(messageId: string): Promise<boolean> {
    return this.#serial(() =>
      this.#withMessage(messageId, async (message) => {
        await deleteMessage(this.#client, this.#dlqUrl, message.receiptHandle);
      }),
    );
  }

  /**
   * Sends one DLQ message back to the task queue, then deletes it from the DLQ. With `retry`, the
   * task goes back with the maintainer's note (and model) in it; a body that is not a valid task
   * cannot carry one and stays in the DLQ (the call fails saying so).
   */
  redrive(messageId: string, retry?: RetryNote): Promise<DlqRedriveResult> {
    return this.#serial(async () => {
      const moved = await this.#withMessage(messageId, async (message) => {
        await this.#client.send(
          new SendMessageCommand({
            QueueUrl: this.#queueUrl,
            MessageBody: retry ? withRetryNote(message.body, retry) : message.body,
            MessageAttributes: copyableAttributes(message.attributes),
          }),
        );
        await deleteMessage(this.#client, this.#dlqUrl, message.receiptHandle);
      });
      return { moved: moved ? 1 : 0, method: 'manual', failed: 0, problems: [] } as const;
    });
  }

  /**
   * Sends every DLQ message back: natively with StartMessageMoveTask where SQS supports it (moved is
   * then the DLQ's approximate depth when the task started), else by re-sending each message.
   */
  redriveAll(): Promise<DlqRedriveResult> {
    return this.#serial(async () => {
      try {
        const [sourceArn, destinationArn, counts] = await Promise.all([
          getQueueArn(this.#client, this.#dlqUrl),
          getQueueArn(this.#client, this.#queueUrl),
          getQueueCounts(this.#client, this.#dlqUrl),
        ]);
        await this.#client.send(
          new StartMessageMoveTaskCommand({ SourceArn: sourceArn, DestinationArn: destinationArn }),
        );
        return { moved: counts.visible, method: 'move-task', failed: 0, problems: [] } as const;
      } catch (error) {
        // Emulators (fauxqs) lack move tasks; a role may lack the permission but can still re-send.
        if (!isUnsupportedActionError(error) && !isAccessDeniedError(error)) throw error;
      }
      const tally = await this.#moveManually();
      return {
        moved: tally.moved,
        method: 'manual',
        failed: tally.problems.length,
        problems: tally.problems,
      };
    });
  }

  async #moveManually(): Promise<MoveTally> {
    const seen = new Set<string>();
    const tally: MoveTally = { moved: 0, problems: [] };
    let empty = 0;
    while (empty < 2) {
      const batch = await receiveMessages(this.#client, {
        queueUrl: this.#dlqUrl,
        maxMessages: 10,
        waitTimeSeconds: 0,
        visibilitySeconds: this.#visibility,
      });
      const fresh = batch.filter((m) => !seen.has(m.messageId));
      for (const m of batch) seen.add(m.messageId);
      const stale = batch.filter((m) => !fresh.includes(m));
      if (stale.length > 0)
        await releaseHandles(
          this.#client,
          this.#dlqUrl,
          stale.map((m) => m.receiptHandle),
        );
      if (fresh.length === 0) {
        empty++;
        continue;
      }
      empty = 0;
      for (const chunk of chunkBySize(fresh)) await this.#moveBatch(chunk, tally);
    }
    return tally;
  }

  /** Re-sends a batch (within SQS's batch size limit), then deletes from the DLQ the ones that were sent. */
  async #moveBatch(batch: readonly ReceivedMessage[], tally: MoveTally): Promise<void> {
    const sent = await this.#client.send(
      new SendMessageBatchCommand({
        QueueUrl: this.#queueUrl,
        Entries: batch.map((m, i) => ({
          Id: String(i),
          MessageBody: m.body,
          MessageAttributes: copyableAttributes(m.attributes),
        })),
      }),
    );
    const ok = (sent.Successful ?? []).map((entry) => batch[Number(entry.Id)]).filter((m) => m !== undefined);
    const notSent = batch.filter((m) => !ok.includes(m));
    for (const m of notSent) {
      const failure = sent.Failed?.find((f) => batch[Number(f.Id)] === m);
      tally.problems.push(
        `${m.messageId} could not be sent back (${failure?.Code ?? 'no answer'}): it stays in the DLQ`,
      );
    }
    if (notSent.length > 0)
      await releaseHandles(
        this.#client,
        this.#dlqUrl,
        notSent.map((m) => m.receiptHandle),
      );
    if (ok.length > 0) await this.#deleteMoved(ok, tally);
  }

  /** Deletes sent messages from the DLQ; one that will not go is reported, as it is now in both queues. */
  async #deleteMoved(sent: readonly ReceivedMessage[], tally: MoveTally): Promise<void> {
    const result = await this.#client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: this.#dlqUrl,
        Entries: sent.map((m, i) => ({ Id: String(i), ReceiptHandle: m.receiptHandle })),
      }),
    );
    const deleted = new Set((result.Successful ?? []).map((entry) => sent[Number(entry.Id)]));
    for (const m of sent) {
      if (!deleted.has(m)) {
        // One more try on its own before calling it a failure.
        try {
          await deleteMessage(this.#client, this.#dlqUrl, m.receiptHandle);
        } catch (error) {
          const failure = result.Failed?.find((f) => sent[Number(f.Id)] === m);
          tally.problems.push(
            `${m.messageId} was sent back but could not be deleted from the DLQ (${failure?.Code ?? errorCode(error)}): it is now in both queues`,
          );
          continue;
        }
      }
      tally.moved++;
    }
  }

  /** Finds one message by id by scanning, runs `act` on it, releases the rest. */
  #withMessage(messageId: string, act: (message: ReceivedMessage) => Promise<void>): Promise<boolean> {
    return withScannedMessages(
      this.#client,
      this.#dlqUrl,
      {
        ...this.#scanOptions(),
        maxItems: Math.max(this.#maxItems, FIND_SCAN_LIMIT),
        until: (held) => held.some((m) => m.messageId === messageId),
      },
      async ({ messages }) => {
        const message = messages.find((m) => m.messageId === messageId);
        if (!message) return { result: false, consumed: new Set<string>() };
        await act(message);
        return { result: true, consumed: new Set([messageId]) };
      },
    );
  }

  #scanOptions() {
    return { maxItems: this.#maxItems, visibilitySeconds: this.#visibility, emptyRounds: 2 };
  }

  #serial<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(operation, operation);
    this.#queue = run.catch(() => {});
    return run;
  }
}

/** Splits messages into SendMessageBatch calls of at most 10 entries and MAX_BATCH_BYTES in all. */
export function chunkBySize(messages: readonly ReceivedMessage[]): ReceivedMessage[][] {
  const chunks: ReceivedMessage[][] = [];
  let chunk: ReceivedMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = messageSize(message.body, copyableAttributes(message.attributes));
    if (chunk.length > 0 && (chunk.length >= MAX_BATCH_ENTRIES || bytes + size > MAX_BATCH_BYTES)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(message);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** A message's size as SQS counts it: the body plus each attribute's name, type and value. */
function messageSize(body: string, attributes: Readonly<Record<string, MessageAttributeValue>>): number {
  let size = Buffer.byteLength(body, 'utf8');
  for (const [name, value] of Object.entries(attributes)) {
    size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value.DataType ?? '', 'utf8');
    if (value.StringValue !== undefined) size += Buffer.byteLength(value.StringValue, 'utf8');
    if (value.BinaryValue !== undefined) size += value.BinaryValue.byteLength;
  }
  return size;
}

function errorCode(error: unknown): string {
  return errorNames(error)[0] ?? 'Error';
}
