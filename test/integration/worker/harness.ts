/**
 * Shared setup for the worker's integration tests: a Worker on its own SDK client (so its requests
 * can be counted apart from the test's), against fauxqs, with in-memory journal, store and notifier.
 */
import { ReceiveMessageCommand, SendMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { vi } from 'vitest';
import type { Notice } from '../../../shared/records.ts';
import type { WorkerSnapshot } from '../../../shared/snapshot.ts';
import { workerConfigSchema, type WorkerConfig } from '../../../src-main/engine/config/worker-config.ts';
import type { JobRunner } from '../../../src-main/engine/jobs/job.ts';
import type { Clock } from '../../../src-main/engine/ports/clock.ts';
import type { KeyValueStore } from '../../../src-main/engine/ports/key-value-store.ts';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  type LocalSqs,
} from '../../../src-main/engine/sandbox/local-sqs.ts';
import type { Redactor } from '../../../src-main/engine/security/redact.ts';
import { Worker, type WorkerTimings } from '../../../src-main/engine/worker/worker.ts';
import { MemoryJournal } from '../../support/memory-journal.ts';
import { countSqsRequests, type SqsRequestCounter } from '../../support/sqs-request-counter.ts';

export class MapStore implements KeyValueStore {
  readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return this.values.get(key);
  }
  set(key: string, value: unknown): void {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}

let queueSerial = 0;
/** A fresh queue name per test, so tests in one file never see each other's messages. */
export function queueName(label: string): string {
  return `${label}-${process.pid}-${queueSerial++}`;
}

export function newClient(endpoint: string): SQSClient {
  return new SQSClient({ region: LOCAL_REGION, endpoint, credentials: LOCAL_CREDENTIALS, maxAttempts: 2 });
}

/** Production defaults with test-sized timings: short leases, 1 s long polls, instant retries. */
export function testConfig(queueUrl: string, overrides: Partial<WorkerConfig> = {}): WorkerConfig {
  return {
    ...workerConfigSchema.parse({ queueUrl, dataDir: '/tmp/codingworker-test-unused' }),
    leaseSeconds: 30,
    waitTimeSeconds: 1,
    retryBackoffSeconds: [0],
    shutdownGraceSeconds: 5,
    ...overrides,
  };
}

export const testTimings: Partial<WorkerTimings> = {
  statsIntervalMs: 100,
  offlineBackoffBaseMs: 50,
  offlineBackoffMaxMs: 250,
  idlePollDelayMs: 50,
  abandonAfterMs: 2_000,
};

export interface TestWorker {
  readonly worker: Worker;
  readonly client: SQSClient;
  readonly counter: SqsRequestCounter;
  readonly journal: MemoryJournal;
  readonly notices: Notice[];
  readonly store: MapStore;
  readonly snapshots: WorkerSnapshot[];
}

export function createTestWorker(options: {
  readonly endpoint: string;
  readonly config: WorkerConfig;
  readonly runJob: JobRunner;
  readonly store?: MapStore;
  readonly clock?: Clock;
  readonly redactor?: Redactor;
  readonly timings?: Partial<WorkerTimings>;
}): TestWorker {
  const client = newClient(options.endpoint);
  const counter = countSqsRequests(client);
  const journal = new MemoryJournal();
  const notices: Notice[] = [];
  const store = options.store ?? new MapStore();
  const worker = new Worker({
    client,
    config: options.config,
    runJob: options.runJob,
    journal,
    store,
    notifier: { notify: (notice) => notices.push(notice) },
    timings: { ...testTimings, ...options.timings },
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.redactor ? { redactor: options.redactor } : {}),
  });
  const snapshots: WorkerSnapshot[] = [];
  worker.onSnapshot((s) => snapshots.push(s));
  return { worker, client, counter, journal, notices, store, snapshots };
}

export async function sendBody(sqs: LocalSqs, queueUrl: string, body: string): Promise<string> {
  const sent = await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
  return sent.MessageId!;
}

/** Receives what is visible now (no waiting), hiding it for `visibilitySeconds`. */
export async function receiveNow(
  client: SQSClient,
  queueUrl: string,
  options: { wait?: number; visibilitySeconds?: number } = {},
): Promise<Message[]> {
  const result = await client.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: options.wait ?? 0,
      VisibilityTimeout: options.visibilitySeconds ?? 30,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    }),
  );
  return result.Messages ?? [];
}

/**
 * A full round trip to SQS on the worker's own client (a stats refresh): whatever the worker set off
 * before it (a receive it should not make, a cancel it should not do) has happened by the time it
 * returns. Negative assertions wait for this instead of for a length of time.
 */
export async function roundTrip(t: TestWorker): Promise<void> {
  await t.worker.refreshStats();
  await new Promise((resolve) => setImmediate(resolve));
}

/** A gate a test job waits on. */
export function gate(): { readonly opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Resolves when the signal aborts, with its reason. */
export function aborted(signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(signal.reason);
    else signal.addEventListener('abort', () => resolve(signal.reason), { once: true });
  });
}

export function until<T>(check: () => T | undefined | null | false, timeout = 10_000): Promise<T> {
  return vi.waitFor(
    () => {
      const value = check();
      if (!value) throw new Error('not yet');
      return value;
    },
    { timeout, interval: 20 },
  );
}

export function untilAsync<T>(
  check: () => Promise<T | undefined | null | false>,
  timeout = 10_000,
): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await check();
      if (!value) throw new Error('not yet');
      return value;
    },
    { timeout, interval: 50 },
  );
}
