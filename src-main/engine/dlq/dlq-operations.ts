/**
 * What the user can do with the dead-letter queue: list it, delete a message, send one or all back
 * to the task queue. Redriven messages keep their body and original attributes but lose the
 * worker's quarantine attributes. Operations run one at a time so two UIs cannot hide messages
 * from each other mid-scan. Every method fails with the SDK's error.
 */
import {
  DeleteMessageBatchCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { RedriveResult } from '../../../shared/bridge.ts';
import type { DlqItem } from '../../../shared/records.ts';
import { deleteMessage } from '../queue/delete-message.ts';
import { getQueueArn } from '../queue/get-queue-arn.ts';
import { getQueueCounts } from '../queue/get-queue-counts.ts';
import { copyableAttributes } from '../queue/message-attributes.ts';
import { receiveMessages } from '../queue/receive-messages.ts';
import type { ReceivedMessage } from '../queue/received-message.ts';
import { isAccessDeniedError, isUnsupportedActionError } from '../queue/sqs-errors.ts';
import { toDlqItem } from './dlq-item.ts';
import { releaseHandles, withScannedMessages } from './scan-queue.ts';

/** A message looked up by id is searched among at most this many. */
const FIND_SCAN_LIMIT = 1000;

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

  /** Sends one DLQ message back to the task queue, then deletes it from the DLQ. */
  redrive(messageId: string): Promise<RedriveResult> {
    return this.#serial(async () => {
      const moved = await this.#withMessage(messageId, async (message) => {
        await this.#client.send(
          new SendMessageCommand({
            QueueUrl: this.#queueUrl,
            MessageBody: message.body,
            MessageAttributes: copyableAttributes(message.attributes),
          }),
        );
        await deleteMessage(this.#client, this.#dlqUrl, message.receiptHandle);
      });
      return { moved: moved ? 1 : 0, method: 'manual' } as const;
    });
  }

  /**
   * Sends every DLQ message back: natively with StartMessageMoveTask where SQS supports it (moved is
   * then the DLQ's approximate depth when the task started), else by re-sending each message.
   */
  redriveAll(): Promise<RedriveResult> {
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
        return { moved: counts.visible, method: 'move-task' } as const;
      } catch (error) {
        // Emulators (fauxqs) lack move tasks; a role may lack the permission but can still re-send.
        if (!isUnsupportedActionError(error) && !isAccessDeniedError(error)) throw error;
      }
      return { moved: await this.#moveManually(), method: 'manual' } as const;
    });
  }

  async #moveManually(): Promise<number> {
    const seen = new Set<string>();
    let moved = 0;
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
      moved += await this.#moveBatch(fresh);
    }
    return moved;
  }

  /** Re-sends a batch, then deletes from the DLQ exactly the ones that were sent. */
  async #moveBatch(batch: readonly ReceivedMessage[]): Promise<number> {
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
    const failed = batch.filter((m) => !ok.includes(m));
    if (failed.length > 0)
      await releaseHandles(
        this.#client,
        this.#dlqUrl,
        failed.map((m) => m.receiptHandle),
      );
    if (ok.length > 0) {
      await this.#client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.#dlqUrl,
          Entries: ok.map((m, i) => ({ Id: String(i), ReceiptHandle: m.receiptHandle })),
        }),
      );
    }
    return ok.length;
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
