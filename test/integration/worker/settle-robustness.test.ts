import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { asciiJson } from '../../../src-main/engine/queue/send-task-message.ts';
import { startLocalSqs, type LocalSqs } from '../../support/local-sqs.ts';
import { sampleTask } from '../../support/sample-task.ts';
import {
  createTestWorker,
  gate,
  queueName,
  receiveNow,
  sendBody,
  testConfig,
  until,
  type TestWorker,
} from './harness.ts';

describe('worker: settling cannot hang, throw away a message, or be undone', () => {
  let sqs: LocalSqs;
  const running: TestWorker[] = [];
  beforeAll(async () => {
    sqs = await startLocalSqs();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((t) => t.worker.stop({ immediate: true })));
  });
  afterAll(async () => {
    await sqs.stop();
  });

  type Setup = Parameters<typeof createTestWorker>[0];
  async function start(
    queueUrl: string,
    runJob: Setup['runJob'],
    overrides = {},
    extra: Partial<Setup> = {},
  ) {
    const t = createTestWorker({
      endpoint: sqs.endpoint,
      config: testConfig(queueUrl, overrides),
      runJob,
      ...extra,
    });
    running.push(t);
    await t.worker.start();
    return t;
  }

  it('gives up on a settle call that never answers, frees the slot, and stops without waiting for it', async () => {
    const { queueUrl } = await sqs.createQueuePair(queueName('hung-delete'));
    const t = await start(
      queueUrl,
      async () => ({ kind: 'success', details: {} }),
      {},
      {
        timings: { callTimeoutMs: 300 },
      },
    );
    // Every delete hangs forever (and ignores its abort signal), like a request caught by sleep.
    let hung = 0;
    t.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (/^DeleteMessage/.test(context.commandName ?? '')) {
          hung++;
          return new Promise<never>(() => {});
        }
        return next(args);
      },
      { step: 'initialize', name: 'hangDeletes' },
    );
    await sendBody(sqs, queueUrl, asciiJson(sampleTask()));
    const record = await until(() => t.journal.records[0]);
    expect(hung).toBe(1);
    expect(record.outcome).toBe('succeeded');
    expect(t.journal.logs.get(record.jobId)!.text()).toMatch(/delete failed: TimeoutError/);
    expect(t.worker.snapshot().jobs).toEqual([]);
    await t.worker.stop({ immediate: true });
    expect(t.worker.snapshot().status).toBe('stopped');
  });

  it('settles and stops even when the job log cannot be written any more (a full disk)', async () => {
    const { queueUrl } = await sqs.createQueuePair(queueName('enospc'));
    const started = gate();
    const finish = gate();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const t = await start(queueUrl, async (ctx) => {
        started.open();
        await finish.opened;
        ctx.log.write('stdout', 'the agent says something');
        return { kind: 'success', details: {} };
      });
      await sendBody(sqs, queueUrl, asciiJson(sampleTask()));
      await started.opened;
      t.journal.failLogWrites = true;
      finish.open();
      const record = await until(() => t.journal.records[0]);
      expect(record.outcome).toBe('succeeded');
      await t.worker.stop();
      expect(t.counter.count('DeleteMessage')).toBe(1);
      expect(await receiveNow(sqs.client, queueUrl)).toEqual([]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('waits for a heartbeat on the wire before settling, so it cannot override the retry delay', async () => {
    const { queueUrl } = await sqs.createQueuePair(queueName('beat-then-retry'));
    const finish = gate();
    const t = await start(
      queueUrl,
      async () => {
        await finish.opened;
        return { kind: 'retry', reason: 'push failed' };
      },
      { leaseSeconds: 30, heartbeatSeconds: 1, retryBackoffSeconds: [5] },
    );
    // Hold the first heartbeat on its way to SQS; note the order in which calls reach SQS.
    const beatOnWire = gate();
    const landBeat = gate();
    const reached: string[] = [];
    t.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'ChangeMessageVisibilityCommand') return next(args);
        const seconds = (args.input as { VisibilityTimeout: number }).VisibilityTimeout;
        if (seconds === 30 && !reached.includes('heartbeat')) {
          beatOnWire.open();
          await landBeat.opened;
          const result = await next(args);
          reached.push('heartbeat');
          return result;
        }
        reached.push(seconds === 5 ? 'retry' : `visibility ${seconds}`);
        return next(args);
      },
      { step: 'initialize', name: 'holdFirstHeartbeat' },
    );
    await sendBody(sqs, queueUrl, asciiJson(sampleTask()));
    await beatOnWire.opened;
    const jobId = t.worker.snapshot().jobs[0]!.jobId;
    finish.open();
    // Either the settle waits for the heartbeat (and says so), or its retry overtakes it.
    await until(
      () => /heartbeat is on the wire/.test(t.journal.logs.get(jobId)!.text()) || reached.includes('retry'),
    );
    landBeat.open();
    await until(() => t.journal.records[0]);
    expect(reached.filter((r) => r === 'heartbeat' || r === 'retry')).toEqual(['heartbeat', 'retry']);
  });
});
