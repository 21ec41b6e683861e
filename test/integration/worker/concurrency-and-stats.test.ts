import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/fake-clock.ts';
import { gate, sendBody, until, useWorkerSuite } from './harness.ts';

describe('worker: concurrency and queue stats against fauxqs', () => {
  const suite = useWorkerSuite();

  it('runs N jobs at once with concurrency N, each with its own lease and heartbeat', async () => {
    const { queueUrl } = await suite.queue('concurrency');
    let active = 0;
    let maxActive = 0;
    const allStarted = gate();
    const release = gate();
    const t = suite.create(
      queueUrl,
      async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        if (active === 3) allStarted.open();
        await release.opened;
        active--;
        return { kind: 'success', details: {} };
      },
      { concurrency: 3, leaseSeconds: 3, heartbeatSeconds: 1 },
    );
    for (let n = 1; n <= 4; n++) await suite.sendTask(queueUrl, { issue_number: n });
    await t.worker.start();
    await allStarted.opened;
    expect(t.worker.snapshot()).toMatchObject({ status: 'running', concurrency: 3 });
    expect(t.worker.snapshot().jobs).toHaveLength(3);
    // Three distinct receipts heartbeating; no fourth message taken while the slots are full.
    await until(
      () => new Set(t.counter.inputs('ChangeMessageVisibility').map((i) => i.ReceiptHandle)).size === 3,
      5_000,
    );
    // Finish them between heartbeats: a settle waits for a heartbeat on the wire, which would split the batch.
    await until(() =>
      t.counter.requests.every((r) => r.command !== 'ChangeMessageVisibility' || r.output || r.error),
    );
    expect(t.counter.inputs('ReceiveMessage').every((i) => Number(i.MaxNumberOfMessages) <= 3)).toBe(true);
    expect(maxActive).toBe(3);
    release.open();
    await until(() => t.journal.records.length === 4);
    // The three that finished together were deleted with one DeleteMessageBatch.
    expect(t.counter.inputs('DeleteMessageBatch')[0]).toMatchObject({ Entries: [{}, {}, {}] });
    expect(maxActive).toBe(3);
    expect(t.journal.records.every((r) => r.outcome === 'succeeded')).toBe(true);
  });

  it('publishes queue and DLQ counts on demand', async () => {
    const { queueUrl, dlqUrl } = await suite.queue('stats');
    const t = suite.create(queueUrl, async () => ({ kind: 'success', details: {} }));
    await suite.sendTask(queueUrl);
    await sendBody(suite.sqs, dlqUrl, 'old failure');
    await t.worker.start();
    t.worker.pause({});
    await t.worker.refreshStats();
    expect(t.worker.snapshot().stats).toMatchObject({
      queue: { visible: 1, inFlight: 0, delayed: 0 },
      dlq: { visible: 1, inFlight: 0, delayed: 0 },
    });
    expect(Date.parse(t.worker.snapshot().stats.updatedAt!)).not.toBeNaN();
  });

  it('polls stats on an interval only while a UI watches', async () => {
    const { queueUrl } = await suite.queue('watch');
    const clock = new FakeClock();
    const t = await suite.start(queueUrl, async () => ({ kind: 'success', details: {} }), {}, { clock });
    t.worker.pause({});
    const statsCalls = () =>
      t.counter
        .inputs('GetQueueAttributes')
        .filter((i) => JSON.stringify(i.AttributeNames).includes('ApproximateNumberOfMessages'));
    const interval = 100; // testTimings.statsIntervalMs
    await clock.advance(10 * interval);
    expect(statsCalls()).toHaveLength(0);
    t.worker.watchStats(true);
    // Queue and DLQ at once, then again each interval once the previous round is in.
    for (let round = 1; round <= 3; round++) {
      await until(() => statsCalls().length === 2 * round && t.worker.snapshot().stats.updatedAt !== null);
      await until(() => t.counter.requests.every((r) => r.command !== 'GetQueueAttributes' || r.output));
      await clock.advance(interval);
    }
    t.worker.watchStats(false);
    await until(() => t.counter.requests.every((r) => r.command !== 'GetQueueAttributes' || r.output));
    const after = statsCalls().length;
    await clock.advance(10 * interval);
    expect(statsCalls()).toHaveLength(after);
  });
});
