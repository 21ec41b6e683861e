import { ChangeMessageVisibilityCommand, DeleteMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { getQueueCounts } from '../../../src-main/engine/queue/get-queue-counts.ts';
import type { StopReason } from '../../../src-main/engine/ports/job.ts';
import { frozenTimersClock } from '../../support/fake-clock.ts';
import { aborted, gate, heldJob, receiveNow, until, untilAsync, useWorkerSuite } from './harness.ts';

describe('worker: leases and heartbeats against fauxqs', () => {
  const suite = useWorkerSuite();

  it('extends the lease past the original timeout while a second consumer sees nothing', async () => {
    const { queueUrl } = await suite.queue('extend');
    const { started, finish, runJob } = heldJob({ kind: 'success', details: {} });
    const t = await suite.start(queueUrl, runJob, { leaseSeconds: 2, heartbeatSeconds: 1 });
    await suite.sendTask(queueUrl);
    await started.opened;
    // Watch past the lease: without heartbeats the message would reappear after 2 s.
    const seenBySecond: unknown[] = [];
    const watchUntil = Date.now() + 3_000;
    while (Date.now() < watchUntil) {
      seenBySecond.push(...(await receiveNow(suite.sqs.client, queueUrl, { visibilitySeconds: 30 })));
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(seenBySecond).toEqual([]);
    const heartbeats = t.counter.inputs('ChangeMessageVisibility');
    expect(heartbeats.length).toBeGreaterThanOrEqual(2);
    expect(heartbeats.every((h) => h.VisibilityTimeout === 2)).toBe(true);
    expect(t.worker.snapshot().jobs[0]!.lease.healthy).toBe(true);
    finish.open();
    await until(() => t.journal.records[0]);
    expect(t.journal.records[0]!.outcome).toBe('succeeded');
    expect(await getQueueCounts(suite.sqs.client, queueUrl)).toMatchObject({ visible: 0, inFlight: 0 });
  });

  it('lets the message reappear within the lease after a crash (no more heartbeats)', async () => {
    const { queueUrl } = await suite.queue('crash');
    const started = gate();
    const t = await suite.start(
      queueUrl,
      async (ctx) => {
        started.open();
        await aborted(ctx.signal);
        return { kind: 'retry', reason: 'stopped' };
      },
      { leaseSeconds: 2 },
      {
        // Timers never fire: the process is as good as dead for the lease.
        clock: frozenTimersClock,
      },
    );
    const messageId = await suite.sendTask(queueUrl);
    await started.opened;
    const [again] = await receiveNow(suite.sqs.client, queueUrl, { wait: 5 });
    expect(again?.MessageId).toBe(messageId);
    expect(again?.Attributes?.ApproximateReceiveCount).toBe('2');
    expect(t.counter.count('ChangeMessageVisibility')).toBe(0);
  });

  it('aborts the job when the lease is lost, and never deletes its message', async () => {
    const { queueUrl } = await suite.queue('lost');
    const started = gate();
    let stopReason: StopReason | null = null;
    const t = await suite.start(
      queueUrl,
      async (ctx) => {
        started.open();
        stopReason = (await aborted(ctx.signal)) as StopReason;
        // Even a job that claims success after losing its lease must not delete the message.
        return { kind: 'success', details: {} };
      },
      { leaseSeconds: 3, heartbeatSeconds: 1 },
    );
    await suite.sendTask(queueUrl);
    await started.opened;
    const handle = t.counter
      .outputs('ReceiveMessage')
      .flatMap((o) => (o.Messages as { ReceiptHandle: string }[] | undefined) ?? [])[0]!.ReceiptHandle;
    // Someone else gets the message: make it visible and receive it from another consumer.
    await suite.sqs.client.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: handle, VisibilityTimeout: 0 }),
    );
    const [taken] = await receiveNow(suite.sqs.client, queueUrl, { wait: 1, visibilitySeconds: 30 });
    expect(taken).toBeDefined();

    const record = await until(() => t.journal.records[0]);
    expect(stopReason).toMatchObject({ kind: 'lease-lost', disposition: 'release' });
    // Nothing was released (the message is someone else's now): it will be redelivered.
    expect(record.outcome).toBe('retrying');
    expect(record.reason).toMatch(/lease was lost.*returns to the queue when its lease lapses/);
    expect(t.counter.count('DeleteMessage')).toBe(0);
    expect(await getQueueCounts(suite.sqs.client, queueUrl)).toMatchObject({ inFlight: 1 });
    await suite.sqs.client.send(
      new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: taken!.ReceiptHandle! }),
    );
  });

  it('adopts the newest receipt handle when the same message is delivered again', async () => {
    const { queueUrl } = await suite.queue('redeliver');
    const started = gate();
    const finish = gate();
    let runs = 0;
    const t = await suite.start(
      queueUrl,
      async () => {
        runs++;
        started.open();
        await finish.opened;
        return { kind: 'success', details: {} };
      },
      { leaseSeconds: 10, heartbeatSeconds: 1, concurrency: 2 },
    );
    await suite.sendTask(queueUrl);
    await started.opened;
    const handles = () =>
      t.counter
        .outputs('ReceiveMessage')
        .flatMap((o) =>
          ((o.Messages as { ReceiptHandle: string }[] | undefined) ?? []).map((m) => m.ReceiptHandle),
        );
    const [first] = handles();
    // Right after a heartbeat (so the next one is a second away), SQS hands the message out again.
    let redelivered = false;
    t.counter.onResponse('ChangeMessageVisibility', async () => {
      if (redelivered) return;
      redelivered = true;
      await suite.sqs.client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: first!,
          VisibilityTimeout: 0,
        }),
      );
    });
    const second = await until(() => handles()[1]);
    expect(second).not.toBe(first);
    await until(() =>
      t.counter.requests.some(
        (r) => r.command === 'ChangeMessageVisibility' && r.input.ReceiptHandle === second && r.output,
      ),
    );
    expect(runs).toBe(1);
    expect(t.worker.snapshot().jobs[0]!.lease.healthy).toBe(true);
    finish.open();
    await until(() => t.journal.records[0]);
    expect(t.counter.inputs('DeleteMessage')).toEqual([expect.objectContaining({ ReceiptHandle: second })]);
    expect(
      await untilAsync(async () => {
        const counts = await getQueueCounts(suite.sqs.client, queueUrl);
        return counts.visible + counts.inFlight === 0 ? counts : null;
      }),
    ).toMatchObject({ visible: 0, inFlight: 0 });
  });
});
