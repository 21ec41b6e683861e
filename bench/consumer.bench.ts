/**
 * Consumer benchmarks on fauxqs (in-process, loopback), all in one run:
 * - P1: send → job start latency of the Worker vs a raw SDK long-poll loop picking the message up.
 * - P3: 2,000 no-op jobs at concurrency 4: Worker vs sqs-consumer (its best of batchSize 4 and
 *   4 consumers) vs a raw receive+delete loop. Goal: Worker >= 1.5x sqs-consumer.
 * - P4: SQS requests per hour while idle (production long poll, 20 s) and while paused.
 *
 * Run alone: `node bench/consumer.bench.ts` (Node 24).
 */
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { Consumer } from 'sqs-consumer';
import { workerConfigSchema, type WorkerConfig } from '../src-main/engine/config/worker-config.ts';
import type { JobRunner } from '../src-main/engine/ports/job.ts';
import { asciiJson } from '../src-main/engine/queue/send-task-message.ts';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startLocalSqs,
  type LocalSqs,
} from '../src-main/engine/sandbox/local-sqs.ts';
import { Worker } from '../src-main/engine/worker/worker.ts';
import { MapStore } from '../test/support/map-store.ts';
import { MemoryJournal } from '../test/support/memory-journal.ts';
import { sampleTask } from '../test/support/sample-task.ts';
import { countSqsRequests } from '../test/support/sqs-request-counter.ts';
import type { Bench, BenchResult } from './support/bench-result.ts';
import { median, percentile as rawPercentile, round } from './support/stats.ts';

const P1_SAMPLES = 60;
const P3_JOBS = 2_000;
const P3_CONCURRENCY = 4;
const P3_ROUNDS = 3;
/** Long-poll cycles observed for P4 (each 20 s, as in production). */
const P4_CYCLES = 2;

export const run: Bench = async () => {
  const sqs = await startLocalSqs();
  try {
    const results: BenchResult[] = [];
    results.push(...(await latency(sqs)));
    results.push(...(await throughput(sqs)));
    results.push(...(await idleRequests(sqs)));
    return results;
  } finally {
    await sqs.stop();
  }
};

// ---- P1 ----------------------------------------------------------------------------------------

async function latency(sqs: LocalSqs): Promise<BenchResult[]> {
  const body = asciiJson(sampleTask());

  // Raw SDK: one loop long-polling with the same parameters the worker uses.
  const raw = await sqs.createQueuePair(unique('p1-raw'));
  const rawClient = client(sqs);
  const rawArrived: { resolve: (() => void) | null } = { resolve: null };
  let rawRunning = true;
  const rawLoop = (async () => {
    while (rawRunning) {
      const { Messages = [] } = await rawClient.send(
        new ReceiveMessageCommand({
          QueueUrl: raw.queueUrl,
          WaitTimeSeconds: 20,
          MaxNumberOfMessages: 1,
          VisibilityTimeout: 300,
        }),
      );
      for (const m of Messages) {
        rawArrived.resolve?.();
        await rawClient.send(
          new DeleteMessageCommand({ QueueUrl: raw.queueUrl, ReceiptHandle: m.ReceiptHandle! }),
        );
      }
    }
  })();
  const rawSamples = await sample(sqs, raw.queueUrl, body, (resolve) => (rawArrived.resolve = resolve));
  rawRunning = false;
  await sqs.client.send(new SendMessageCommand({ QueueUrl: raw.queueUrl, MessageBody: 'stop' }));
  await rawLoop;
  rawClient.destroy();

  // Worker: the time from SendMessage to runJob being called.
  const pair = await sqs.createQueuePair(unique('p1-worker'));
  const started: { resolve: (() => void) | null } = { resolve: null };
  const { worker, destroy } = makeWorker(sqs, config(pair.queueUrl, { concurrency: 1 }), async () => {
    started.resolve?.();
    return { kind: 'noop', reason: 'benchmark' };
  });
  await worker.start();
  const workerSamples = await sample(sqs, pair.queueUrl, body, (resolve) => (started.resolve = resolve));
  await worker.stop({ immediate: true });
  destroy();

  const note = `${P1_SAMPLES} sequential sends, each after the receiver is idle; includes the SendMessage round trip; fauxqs on loopback`;
  return [
    row('P1', 'send → job start p50 (Worker)', percentile(workerSamples, 50), 'ms', note),
    row('P1', 'send → job start p95 (Worker)', percentile(workerSamples, 95), 'ms', note),
    row('P1', 'send → pickup p50 (raw SDK long poll)', percentile(rawSamples, 50), 'ms', note),
    row('P1', 'send → pickup p95 (raw SDK long poll)', percentile(rawSamples, 95), 'ms', note),
  ];
}

/** Sends one message at a time and measures until `arm`'s resolve is called. */
async function sample(
  sqs: LocalSqs,
  queueUrl: string,
  body: string,
  arm: (resolve: () => void) => void,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < P1_SAMPLES + 5; i++) {
    // Let the receiver settle the previous message and get back into its long poll.
    await sleep(30);
    const arrived = new Promise<void>((resolve) => arm(resolve));
    const t0 = performance.now();
    await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    await arrived;
    if (i >= 5) samples.push(performance.now() - t0); // the first few warm up connections and JIT
  }
  return samples;
}

// ---- P3 ----------------------------------------------------------------------------------------

async function throughput(sqs: LocalSqs): Promise<BenchResult[]> {
  const workerRun = () =>
    measureRate(sqs, 'p3-worker', async (queueUrl, done) => {
      let count = 0;
      const { worker, destroy } = makeWorker(
        sqs,
        config(queueUrl, { concurrency: P3_CONCURRENCY }),
        async () => {
          if (++count === P3_JOBS) done();
          return { kind: 'noop', reason: 'benchmark' };
        },
      );
      await worker.start();
      return async () => {
        await worker.stop({ immediate: true });
        destroy();
      };
    });

  const sqsConsumer = async (consumers: number, batchSize: number) =>
    measureRate(sqs, `p3-sqs-consumer-${consumers}x${batchSize}`, async (queueUrl, done) => {
      let count = 0;
      const c = client(sqs);
      const instances = Array.from({ length: consumers }, () => {
        const consumer = Consumer.create({
          queueUrl,
          sqs: c,
          batchSize,
          waitTimeSeconds: 20,
          visibilityTimeout: 300,
          handleMessage: async (message) => {
            if (++count === P3_JOBS) done();
            return message;
          },
        });
        consumer.on('error', () => {});
        consumer.start();
        return consumer;
      });
      return async () => {
        for (const consumer of instances) consumer.stop({ abort: true });
        c.destroy();
      };
    });
  const rawRun = () =>
    measureRate(sqs, 'p3-raw', async (queueUrl, done) => {
      const c = client(sqs);
      let count = 0;
      let running = true;
      const loop = (async () => {
        while (running) {
          const { Messages = [] } = await c.send(
            new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 20, MaxNumberOfMessages: 10 }),
          );
          await Promise.all(
            Messages.map(async (m) => {
              await c.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle! }));
              if (++count === P3_JOBS) done();
            }),
          );
        }
      })();
      return async () => {
        running = false;
        await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'stop' }));
        await loop;
        c.destroy();
      };
    });

  // Interleaved rounds, median of each: the machine is shared, and one slow round must not decide.
  const rates = {
    worker: [] as number[],
    consumerBatch: [] as number[],
    consumerMany: [] as number[],
    raw: [] as number[],
  };
  for (let round = 0; round < P3_ROUNDS; round++) {
    rates.worker.push(await workerRun());
    rates.consumerBatch.push(await sqsConsumer(1, P3_CONCURRENCY));
    rates.consumerMany.push(await sqsConsumer(P3_CONCURRENCY, 1));
    rates.raw.push(await rawRun());
  }
  const workerRate = median(rates.worker);
  const consumerBatch = median(rates.consumerBatch);
  const consumerMany = median(rates.consumerMany);
  const rawRate = median(rates.raw);
  const baseline = Math.max(consumerBatch, consumerMany);
  const ratio = workerRate / baseline;
  const jobs = `${P3_JOBS} no-op messages, pre-filled, fauxqs on loopback; median of ${P3_ROUNDS} interleaved rounds`;
  return [
    row(
      'P3',
      `no-op jobs/s, Worker (concurrency ${P3_CONCURRENCY})`,
      workerRate,
      'msg/s',
      `${jobs}; each job also writes a JobRecord and a log (in memory)`,
    ),
    row('P3', `no-op jobs/s, sqs-consumer (batchSize ${P3_CONCURRENCY})`, consumerBatch, 'msg/s', jobs),
    row('P3', `no-op jobs/s, sqs-consumer (${P3_CONCURRENCY} consumers)`, consumerMany, 'msg/s', jobs),
    row('P3', 'no-op jobs/s, raw receive(10)+delete loop', rawRate, 'msg/s', `${jobs}; comparison only`),
    {
      id: 'P3',
      name: 'Worker vs sqs-consumer (its better configuration)',
      value: round(ratio, 2),
      unit: 'x',
      goal: '>= 1.5x',
      pass: ratio >= 1.5,
      note:
        `baseline ${round(baseline, 0)} msg/s; raw loop / Worker = ${round(rawRate / workerRate, 2)}x; ` +
        `rounds (msg/s): Worker ${list(rates.worker)}, sqs-consumer batch ${list(rates.consumerBatch)}, ` +
        `4 consumers ${list(rates.consumerMany)}; the Worker batches deletes that settle together ` +
        `(DeleteMessageBatch), sqs-consumer's handleMessage deletes one by one`,
    },
  ];
}

/** Fills a fresh queue, starts a consumer, and returns messages per second until it calls done(). */
async function measureRate(
  sqs: LocalSqs,
  label: string,
  startConsumer: (queueUrl: string, done: () => void) => Promise<() => Promise<void>>,
): Promise<number> {
  const { queueUrl } = await sqs.createQueuePair(unique(label));
  const body = asciiJson(sampleTask());
  for (let i = 0; i < P3_JOBS; i += 10) {
    await sqs.client.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Array.from({ length: Math.min(10, P3_JOBS - i) }, (_, n) => ({
          Id: String(n),
          MessageBody: body,
        })),
      }),
    );
  }
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const t0 = performance.now();
  const stop = await startConsumer(queueUrl, () => finish());
  await finished;
  const seconds = (performance.now() - t0) / 1000;
  await stop();
  return P3_JOBS / seconds;
}

// ---- P4 ----------------------------------------------------------------------------------------

async function idleRequests(sqs: LocalSqs): Promise<BenchResult[]> {
  const idlePair = await sqs.createQueuePair(unique('p4-idle'));
  const pausedPair = await sqs.createQueuePair(unique('p4-paused'));
  const noop: JobRunner = async () => ({ kind: 'noop', reason: 'benchmark' });
  const idle = makeWorker(sqs, config(idlePair.queueUrl, { waitTimeSeconds: 20 }), noop);
  const paused = makeWorker(sqs, config(pausedPair.queueUrl, { waitTimeSeconds: 20 }), noop);
  await Promise.all([idle.worker.start(), paused.worker.start()]);
  paused.worker.pause({});
  paused.counter.reset();

  // Idle: from the start of one ReceiveMessage to the start of the one P4_CYCLES later, count every request.
  const receiveStarts: number[] = [];
  const seen = { count: 0 };
  const started = performance.now();
  while (receiveStarts.length <= P4_CYCLES) {
    const receives = idle.counter.count('ReceiveMessage');
    while (seen.count < receives) {
      seen.count++;
      receiveStarts.push(performance.now());
    }
    await sleep(5);
    if (performance.now() - started > 120_000) break;
  }
  const windowStart = receiveStarts[0]!;
  const windowEnd = receiveStarts[P4_CYCLES] ?? performance.now();
  const firstIndex = idle.counter.requests.findIndex((r) => r.command === 'ReceiveMessage');
  const requestsInWindow = idle.counter.requests.length - firstIndex - 1; // up to (not incl.) the closing receive
  const windowSeconds = (windowEnd - windowStart) / 1000;
  const idlePerHour = (requestsInWindow / windowSeconds) * 3600;
  const pausedRequests = paused.counter.count();
  const pausedSeconds = (performance.now() - started) / 1000;

  await Promise.all([idle.worker.stop({ immediate: true }), paused.worker.stop({ immediate: true })]);
  idle.destroy();
  paused.destroy();
  return [
    {
      id: 'P4',
      name: 'SQS requests per idle hour (long poll 20 s)',
      value: round(idlePerHour, 0),
      unit: 'requests/h',
      goal: '<= 200',
      pass: idlePerHour <= 200,
      note: `${requestsInWindow} requests in ${P4_CYCLES} long-poll cycles (${round(windowSeconds, 1)} s), extrapolated to an hour; no UI watching stats (watched: +2 GetQueueAttributes per 30 s)`,
    },
    {
      id: 'P4',
      name: 'SQS requests per paused hour',
      value: round((pausedRequests / pausedSeconds) * 3600, 0),
      unit: 'requests/h',
      goal: '0',
      pass: pausedRequests === 0,
      note: `${pausedRequests} requests in ${round(pausedSeconds, 1)} s while paused (measured alongside the idle window); a start makes 2 setup requests once (GetQueueAttributes, GetQueueUrl), not counted`,
    },
  ];
}

// ---- helpers -----------------------------------------------------------------------------------

function makeWorker(sqs: LocalSqs, workerConfig: WorkerConfig, runJob: JobRunner) {
  const c = client(sqs);
  const counter = countSqsRequests(c);
  const worker = new Worker({
    client: c,
    config: workerConfig,
    runJob,
    journal: new MemoryJournal(),
    store: new MapStore(),
    notifier: { notify: () => {} },
  });
  return { worker, counter, destroy: () => c.destroy() };
}

function config(queueUrl: string, overrides: Partial<WorkerConfig> = {}): WorkerConfig {
  // Production defaults: 300 s lease, 20 s long poll.
  return {
    ...workerConfigSchema.parse({ queueUrl, dataDir: '/tmp/codingworker-bench-unused' }),
    ...overrides,
  };
}

function client(sqs: LocalSqs): SQSClient {
  return new SQSClient({
    region: LOCAL_REGION,
    endpoint: sqs.endpoint,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 2,
  });
}

let serial = 0;
function unique(label: string): string {
  return `${label}-${process.pid}-${serial++}`;
}

function list(values: readonly number[]): string {
  return values.map((v) => Math.round(v)).join('/');
}

function percentile(values: readonly number[], p: number): number {
  return round(rawPercentile(values, p), 2);
}

function row(id: string, name: string, value: number, unit: string, note: string): BenchResult {
  return { id, name, value: round(value, unit === 'ms' ? 2 : 0), unit, goal: null, pass: null, note };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const result of await run()) console.log(JSON.stringify(result));
}
