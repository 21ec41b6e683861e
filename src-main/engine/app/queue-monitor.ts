/**
 * The walking skeleton's engine: connects to the queue and publishes its depth in the snapshot,
 * on an interval while a UI watches. The consumer (src-main/engine/worker/) replaces it.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { emptyStats, notPaused, type WorkerSnapshot } from '../../../shared/snapshot.ts';
import { getQueueCounts } from '../queue/get-queue-counts.ts';

export class QueueMonitor {
  readonly #client: SQSClient;
  readonly #queueUrl: string;
  readonly #intervalMs: number;
  readonly #listeners = new Set<(snapshot: WorkerSnapshot) => void>();
  #snapshot: WorkerSnapshot;
  #watchers = 0;
  #timer: NodeJS.Timeout | null = null;

  constructor(options: { client: SQSClient; queueUrl: string; intervalMs?: number }) {
    this.#client = options.client;
    this.#queueUrl = options.queueUrl;
    this.#intervalMs = options.intervalMs ?? 5000;
    this.#snapshot = {
      seq: 0,
      status: 'starting',
      queueUrl: options.queueUrl,
      dlqUrl: null,
      concurrency: 1,
      pause: notPaused,
      jobs: [],
      stats: emptyStats,
      lastError: null,
      retryAt: null,
    };
  }

  snapshot(): WorkerSnapshot {
    return this.#snapshot;
  }

  onSnapshot(listener: (snapshot: WorkerSnapshot) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async refreshStats(): Promise<void> {
    try {
      const queue = await getQueueCounts(this.#client, this.#queueUrl);
      this.#publish({
        status: 'idle',
        stats: { queue, dlq: null, updatedAt: new Date().toISOString() },
        lastError: null,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#publish({
        status: 'offline',
        lastError: { message, code: 'unknown', at: new Date().toISOString() },
      });
    }
  }

  watchStats(watching: boolean): void {
    this.#watchers = Math.max(0, this.#watchers + (watching ? 1 : -1));
    if (this.#watchers > 0 && !this.#timer) {
      void this.refreshStats();
      this.#timer = setInterval(() => void this.refreshStats(), this.#intervalMs);
    } else if (this.#watchers === 0 && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = null;
    }
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  #publish(change: Partial<WorkerSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...change, seq: this.#snapshot.seq + 1 };
    for (const listener of this.#listeners) listener(this.#snapshot);
  }
}
