import { afterEach, describe, expect, it } from 'vitest';
import type { WorkerConfig } from '../../../src-main/engine/config/worker-config.ts';
import { asciiJson } from '../../../src-main/engine/queue/send-task-message.ts';
import { startLocalSqs, type LocalSqs } from '../../support/local-sqs.ts';
import { sampleTask } from '../../support/sample-task.ts';
import {
  createTestWorker,
  sendBody,
  testConfig,
  until,
  type TestWorker,
  type TestWorkerOptions,
} from './harness.ts';

describe('worker: offline and recovery', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  // No useWorkerSuite: each test runs its own fauxqs, as the first stops and restarts it under the worker.
  async function ownSqs(): Promise<LocalSqs> {
    const sqs = await startLocalSqs();
    cleanup.push(() => sqs.stop());
    return sqs;
  }

  /** A worker (not started) whose jobs succeed, stopped at once after the test. */
  function succeedingWorker(
    sqs: LocalSqs,
    queueUrl: string,
    overrides: Partial<WorkerConfig> = {},
    extra: Partial<TestWorkerOptions> = {},
  ): TestWorker {
    const t = createTestWorker({
      endpoint: sqs.endpoint,
      config: testConfig(queueUrl, overrides),
      runJob: async () => ({ kind: 'success', details: {} }),
      ...extra,
    });
    cleanup.push(() => t.worker.stop({ immediate: true }));
    return t;
  }

  it('backs off while SQS is unreachable or the queue is missing, and recovers without a restart', async () => {
    let sqs: LocalSqs = await startLocalSqs();
    const port = sqs.port;
    const name = `offline-${process.pid}`;
    const { queueUrl } = await sqs.createQueuePair(name);
    const t = succeedingWorker(sqs, queueUrl);
    await t.worker.start();
    await until(() => t.worker.snapshot().status === 'polling');

    await sqs.stop();
    const offline = await until(() =>
      t.worker.snapshot().status === 'offline' ? t.worker.snapshot() : null,
    );
    expect(offline.lastError).toMatchObject({ code: 'network' });
    expect(offline.lastError!.message).toMatch(/^cannot reach SQS \(ECONN/);
    expect(Date.parse(offline.retryAt!)).toBeGreaterThan(Date.parse(offline.lastError!.at) - 1);
    // Several retries, spaced out (the backoff grows), not a hot loop.
    await until(() => t.counter.requests.filter((r) => r.error).length >= 3);

    sqs = await startLocalSqs({ port });
    cleanup.push(() => sqs.stop());
    const missing = await until(() =>
      t.worker.snapshot().lastError?.code === 'queue-not-found' ? t.worker.snapshot() : null,
    );
    expect(missing.status).toBe('offline');
    expect(missing.lastError!.message).toBe(`the queue does not exist: ${queueUrl}`);

    const recreated = await sqs.createQueuePair(name);
    expect(recreated.queueUrl).toBe(queueUrl);
    await until(() => t.worker.snapshot().status === 'polling');
    expect(t.worker.snapshot()).toMatchObject({ lastError: null, retryAt: null });
    await sendBody(sqs, queueUrl, asciiJson(sampleTask()));
    expect(await until(() => t.journal.records[0])).toMatchObject({ outcome: 'succeeded' });
  });

  it('reports missing credentials for the profile instead of a stack trace', async () => {
    const sqs = await ownSqs();
    const { queueUrl } = await sqs.createQueuePair(`creds-${process.pid}`);
    const t = succeedingWorker(sqs, queueUrl, { profile: 'codingworker-test-missing-profile' });
    // A client whose credential chain finds nothing, as on a Mac without `aws sso login`.
    t.client.config.credentials = async () => {
      throw Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      });
    };
    await t.worker.start();
    const snapshot = t.worker.snapshot();
    expect(snapshot.status).toBe('offline');
    expect(snapshot.lastError).toMatchObject({
      code: 'credentials',
      message: 'no AWS credentials for profile codingworker-test-missing-profile',
    });
  });

  it('gives up on a long poll that never answers, reports it, and polls again', async () => {
    const sqs = await ownSqs();
    const { queueUrl } = await sqs.createQueuePair(`hung-${process.pid}`);
    const t = succeedingWorker(sqs, queueUrl, {}, { timings: { responseGraceMs: 300 } });
    // The first ReceiveMessage hangs forever, like a request caught by the laptop going to sleep.
    let hung = false;
    t.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'ReceiveMessageCommand' && !hung) {
          hung = true;
          return new Promise<never>(() => {});
        }
        return next(args);
      },
      { step: 'initialize', name: 'hangFirstReceive' },
    );
    await t.worker.start();
    const offline = await until(() =>
      t.worker.snapshot().status === 'offline' ? t.worker.snapshot() : null,
    );
    expect(offline.lastError).toMatchObject({ code: 'network', message: 'cannot reach SQS (TimeoutError)' });
    await until(() => t.worker.snapshot().status === 'polling');
    await sendBody(sqs, queueUrl, asciiJson(sampleTask()));
    expect(await until(() => t.journal.records[0])).toMatchObject({ outcome: 'succeeded' });
  });
});
