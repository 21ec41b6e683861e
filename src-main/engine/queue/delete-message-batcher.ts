/**
 * Deletes that are asked for in the same turn of the event loop go out together as one
 * DeleteMessageBatch (up to 10 entries), so a burst of quick settles (duplicates, closed issues)
 * costs a tenth of the requests. A lone delete is sent as a plain DeleteMessage. Each caller's
 * promise fails with its own entry's error (or the whole call's). A lone delete honours its caller's
 * AbortSignal; a batch is shared, so its callers bound their own wait (and the client its request).
 */
import { DeleteMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { deleteMessage } from './delete-message.ts';

const MAX_BATCH = 10;

interface PendingDelete {
  readonly receiptHandle: string;
  readonly signal: AbortSignal | undefined;
  resolve(): void;
  reject(error: unknown): void;
}

export class DeleteMessageBatcher {
  readonly #client: SQSClient;
  readonly #queueUrl: string;
  #pending: PendingDelete[] = [];
  #scheduled = false;

  constructor(client: SQSClient, queueUrl: string) {
    this.#client = client;
    this.#queueUrl = queueUrl;
  }

  delete(receiptHandle: string, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ receiptHandle, signal, resolve, reject });
      if (this.#pending.length >= MAX_BATCH) this.#flush();
      else if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => {
          this.#scheduled = false;
          this.#flush();
        });
      }
    });
  }

  #flush(): void {
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, MAX_BATCH);
      void this.#send(batch);
    }
  }

  async #send(batch: readonly PendingDelete[]): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch as [PendingDelete];
      await deleteMessage(this.#client, this.#queueUrl, only.receiptHandle, only.signal).then(
        only.resolve,
        only.reject,
      );
      return;
    }
    try {
      const result = await this.#client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.#queueUrl,
          Entries: batch.map((entry, i) => ({ Id: String(i), ReceiptHandle: entry.receiptHandle })),
        }),
      );
      const failed = new Map((result.Failed ?? []).map((f) => [f.Id, f]));
      const succeeded = new Set((result.Successful ?? []).map((s) => s.Id));
      batch.forEach((entry, i) => {
        const failure = failed.get(String(i));
        if (failure) {
          entry.reject(
            Object.assign(new Error(failure.Message ?? 'delete failed'), {
              name: failure.Code ?? 'BatchEntryFailed',
            }),
          );
        } else if (succeeded.has(String(i))) {
          entry.resolve();
        } else {
          entry.reject(new Error('SQS did not report on this delete'));
        }
      });
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }
}
