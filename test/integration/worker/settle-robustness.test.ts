import { describe, expect, it } from 'vitest';
import { gate, receiveNow, until, useWorkerSuite } from './harness.ts';

describe('worker: settling cannot hang, throw away a message, or be undone', () => {
  const suite = useWorkerSuite();

  it('gives up on a settle call that never answers, frees the slot, and stops without waiting for it', async () => {
    const { queueUrl } = await suite.queue('hung-delete');
    const t = await suite.start(
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
    await suite.sendTask(queueUrl);
    const record = await until(() => t.journal.records[0]);
    expect(hung).toBe(1);
    expect(record.outcome).toBe('succeeded');
    expect(t.journal.logs.get(record.jobId)!.text()).toMatch(/delete failed: TimeoutError/);
    expect(t.worker.snapshot().jobs).toEqual([]);
    await t.worker.stop({ immediate: true });
    expect(t.worker.snapshot().status).toBe('stopped');
  });

  it('settles and stops even when the job log cannot be written any more (a full disk)', async () => {
    const { queueUrl } = await suite.queue('enospc');
    const started = gate();
    const finish = gate();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const t = await suite.start(queueUrl, async (ctx) => {
        started.open();
        await finish.opened;
        ctx.log.write('stdout', 'the agent says something');
        return { kind: 'success', details: {} };
      });
      await suite.sendTask(queueUrl);
      await started.opened;
      t.journal.failLogWrites = true;
      finish.open();
      const record = await until(() => t.journal.records[0]);
      expect(record.outcome).toBe('succeeded');
      await t.worker.stop();
      expect(t.counter.count('DeleteMessage')).toBe(1);
      expect(await receiveNow(suite.sqs.client, queueUrl)).toEqual([]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('waits for a heartbeat on the wire before settling, so it cannot override the retry delay', async () => {
    const { queueUrl } = await suite.queue('beat-then-retry');
    const finish = gate();
    const t = await suite.start(
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
    await suite.sendTask(queueUrl);
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
