/**
 * Shared setup for the worker's integration tests: a Worker on its own SDK client (so its requests
 * can be counted apart from the test's), against fauxqs, with in-memory journal, store and notifier.
 */
import { ReceiveMessageCommand, SendMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Notice } from '../../../shared/notice.ts';
import type { WorkerSnapshot } from '../../../shared/snapshot.ts';
import type { IssueTaskMessage } from '../../../shared/task-message.ts';
import { workerConfigSchema, type WorkerConfig } from '../../../src-main/engine/config/worker-config.ts';
import type { JobResult, JobRunner } from '../../../src-main/engine/ports/job.ts';
import type { Clock } from '../../../src-main/engine/ports/clock.ts';
import { asciiJson } from '../../../src-main/engine/queue/send-task-message.ts';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  type LocalSqs,
  type QueuePair,
} from '../../../src-main/engine/sandbox/local-sqs.ts';
import type { Redactor } from '../../../src-main/engine/security/redact.ts';
import { Worker, type WorkerTimings } from '../../../src-main/engine/worker/worker.ts';
import { startLocalSqs } from '../../support/local-sqs.ts';
import { MemoryJournal } from '../../support/memory-journal.ts';
import { MapStore } from '../../support/map-store.ts';
import { sampleTask } from '../../support/sample-task.ts';
import { countSqsRequests, type SqsRequestCounter } from '../../support/sqs-request-counter.ts';

export { MapStore };

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

export interface TestWorkerOptions {
  readonly endpoint: string;
  readonly config: WorkerConfig;
  readonly runJob: JobRunner;
  readonly store?: MapStore;
  readonly clock?: Clock;
  readonly redactor?: Redactor;
  readonly timings?: Partial<WorkerTimings>;
}

export function createTestWorker(options: TestWorkerOptions): TestWorker {
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

/** A worker test file's fauxqs and workers; see useWorkerSuite. */
export interface WorkerSuite {
  /** The file's fauxqs (there from beforeAll on). */
  readonly sqs: LocalSqs;
  /** A fresh queue and its DLQ, named after `label` (see queueName). */
  queue(label: string, options?: Parameters<LocalSqs['createQueuePair']>[1]): Promise<QueuePair>;
  /** Sends the sample task (with `task`'s fields over it) as the producer would; resolves to its id. */
  sendTask(queueUrl: string, task?: Partial<IssueTaskMessage>): Promise<string>;
  /** A worker on `queueUrl` with testConfig(queueUrl, overrides), not started; stopped after the test. */
  create(
    queueUrl: string,
    runJob: JobRunner,
    overrides?: Partial<WorkerConfig>,
    extra?: Partial<TestWorkerOptions>,
  ): TestWorker;
  /** As create, and started. */
  start(
    queueUrl: string,
    runJob: JobRunner,
    overrides?: Partial<WorkerConfig>,
    extra?: Partial<TestWorkerOptions>,
  ): Promise<TestWorker>;
}

/**
 * The frame every worker test file shares; call it inside `describe`. Starts fauxqs before the
 * file's tests and stops it after them, and stops (at once) after each test every worker made here.
 */
export function useWorkerSuite(): WorkerSuite {
  let sqs: LocalSqs | undefined;
  const running: TestWorker[] = [];
  beforeAll(async () => {
    sqs = await startLocalSqs();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((t) => t.worker.stop({ immediate: true })));
  });
  afterAll(async () => {
    await sqs?.stop();
  });
  const local = (): LocalSqs => {
    if (!sqs) throw new Error('fauxqs is not running yet: use the suite in a test or a hook');
    return sqs;
  };
  const create: WorkerSuite['create'] = (queueUrl, runJob, overrides = {}, extra = {}) => {
    const t = createTestWorker({
      endpoint: local().endpoint,
      config: testConfig(queueUrl, overrides),
      runJob,
      ...extra,
    });
    running.push(t);
    return t;
  };
  return {
    get sqs() {
      return local();
    },
    queue: (label, options) => local().createQueuePair(queueName(label), options),
    sendTask: (queueUrl, task = {}) => sendBody(local(), queueUrl, asciiJson(sampleTask(task))),
    create,
    async start(queueUrl, runJob, overrides, extra) {
      const t = create(queueUrl, runJob, overrides, extra);
      await t.worker.start();
      return t;
    },
  };
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

/** A job that opens `started` as it begins, and returns `result` once the test opens `finish`. */
export function heldJob(result: JobResult): {
  readonly started: ReturnType<typeof gate>;
  readonly finish: ReturnType<typeof gate>;
  readonly runJob: JobRunner;
} {
  const started = gate();
  const finish = gate();
  const runJob: JobRunner = async () => {
    started.open();
    await finish.opened;
    return result;
  };
  return { started, finish, runJob };
}

/** Resolves when the signal aborts, with its reason. */
export function aborted(signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(signal.reason);
    else signal.addEventListener('abort', () => resolve(signal.reason), { once: true });
  });
}

export { until, untilAsync } from '../../support/until.ts';
