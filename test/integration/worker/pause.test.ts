import { describe, expect, it } from 'vitest';
import type { StopReason } from '../../../src-main/engine/ports/job.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { aborted, gate, MapStore, receiveNow, roundTrip, until, useWorkerSuite } from './harness.ts';

describe('worker: pause against fauxqs', () => {
  const suite = useWorkerSuite();

  it('makes no ReceiveMessage call while paused, lets the poll in flight finish, and polls again on resume', async () => {
    const { queueUrl } = await suite.queue('pause-zero');
    let runs = 0;
    const t = await suite.start(
      queueUrl,
      async () => {
        runs++;
        return { kind: 'success', details: {} };
      },
      { waitTimeSeconds: 5 },
    );
    await until(() => t.counter.count('ReceiveMessage') >= 1);
    t.worker.pause({});
    expect(t.worker.snapshot().status).toBe('paused');
    const before = t.counter.count('ReceiveMessage');
    // The poll on the wire is not cut: a message it brings is put back at once, not stranded.
    const messageId = await suite.sendTask(queueUrl);
    await until(() => t.counter.inputs('ChangeMessageVisibility').length === 1);
    expect(t.counter.inputs('ChangeMessageVisibility')[0]).toMatchObject({ VisibilityTimeout: 0 });
    await roundTrip(t);
    await roundTrip(t);
    expect(t.counter.count('ReceiveMessage')).toBe(before);
    expect(runs).toBe(0);
    const [back] = await receiveNow(suite.sqs.client, queueUrl, { wait: 1, visibilitySeconds: 0 });
    expect(back?.MessageId).toBe(messageId);

    t.worker.resume();
    await until(() => t.counter.count('ReceiveMessage') > before);
    await until(() => runs === 1);
  });

  it('releases at once a message that arrives after the pause', async () => {
    const { queueUrl } = await suite.queue('pause-late');
    let runs = 0;
    const t = suite.create(queueUrl, async () => {
      runs++;
      return { kind: 'success', details: {} };
    });
    // The user pauses while the response carrying a message is already on the wire.
    t.counter.onResponse('ReceiveMessage', (request) => {
      if ((request.output?.Messages as unknown[] | undefined)?.length) t.worker.pause({});
    });
    await t.worker.start();
    const messageId = await suite.sendTask(queueUrl);
    await until(() => t.counter.inputs('ChangeMessageVisibility').length === 1);
    expect(t.counter.inputs('ChangeMessageVisibility')[0]).toMatchObject({ VisibilityTimeout: 0 });
    const [back] = await receiveNow(suite.sqs.client, queueUrl, { wait: 1 });
    expect(back?.MessageId).toBe(messageId);
    expect(runs).toBe(0);
  });

  it('"after-current" lets the running job finish and takes no new message', async () => {
    const { queueUrl } = await suite.queue('pause-after');
    const started = gate();
    const finish = gate();
    let signal: AbortSignal | null = null;
    const t = await suite.start(queueUrl, async (ctx) => {
      signal = ctx.signal;
      started.open();
      await finish.opened;
      return { kind: 'success', details: {} };
    });
    await suite.sendTask(queueUrl, { issue_number: 1 });
    await started.opened;
    t.worker.pause({ mode: 'after-current' });
    const receives = t.counter.count('ReceiveMessage');
    await suite.sendTask(queueUrl, { issue_number: 2 });
    expect(t.worker.snapshot()).toMatchObject({ status: 'paused', jobs: [{ stopping: null }] });
    finish.open();
    expect(await until(() => t.journal.records[0])).toMatchObject({ outcome: 'succeeded' });
    expect(signal!.aborted).toBe(false);
    // The freed slot woke the loop; it found itself paused and made no call.
    await roundTrip(t);
    expect(t.counter.count('ReceiveMessage')).toBe(receives);
    expect(t.journal.records).toHaveLength(1);
  });

  it('"stop-now" cancels the running job and releases its message', async () => {
    const { queueUrl } = await suite.queue('pause-stop-now');
    const started = gate();
    let reason: StopReason | null = null;
    const t = await suite.start(queueUrl, async (ctx) => {
      started.open();
      reason = (await aborted(ctx.signal)) as StopReason;
      return { kind: 'retry', reason: 'stopped' };
    });
    const messageId = await suite.sendTask(queueUrl);
    await started.opened;
    t.worker.pause({ mode: 'stop-now' });
    const record = await until(() => t.journal.records[0]);
    expect(reason).toMatchObject({ kind: 'pause-stop-now', disposition: 'release' });
    expect(record).toMatchObject({ outcome: 'released' });
    expect(t.counter.count('DeleteMessage')).toBe(0);
    const [back] = await receiveNow(suite.sqs.client, queueUrl);
    expect(back?.MessageId).toBe(messageId);
    expect(t.worker.snapshot()).toMatchObject({ status: 'paused', jobs: [] });
  });

  it('keeps a pause across a restart: the new worker never calls ReceiveMessage', async () => {
    const { queueUrl } = await suite.queue('pause-restart');
    const store = new MapStore();
    const first = await suite.start(queueUrl, async () => ({ kind: 'success', details: {} }), {}, { store });
    first.worker.pause({ until: new Date(Date.now() + 3_600_000).toISOString() });
    await first.worker.stop();

    await suite.sendTask(queueUrl);
    const second = suite.create(queueUrl, async () => ({ kind: 'success', details: {} }), {}, { store });
    expect(second.worker.snapshot().pause).toMatchObject({ paused: true, reason: 'user' });
    await second.worker.start();
    expect(second.worker.dlqUrl).not.toBeNull();
    await roundTrip(second);
    expect(second.counter.count('ReceiveMessage')).toBe(0);
    expect(second.worker.snapshot().status).toBe('paused');
  });

  it('ends a timed pause by itself when its time comes', async () => {
    const { queueUrl } = await suite.queue('pause-timed');
    const clock = new FakeClock();
    const t = suite.create(queueUrl, async () => ({ kind: 'success', details: {} }), {}, { clock });
    t.worker.pause({ until: new Date(clock.now() + 3_600_000).toISOString() });
    await t.worker.start();
    await clock.advance(3_599_000);
    expect(t.worker.snapshot().pause.paused).toBe(true);
    expect(t.counter.count('ReceiveMessage')).toBe(0);
    await clock.advance(1_000);
    expect(t.worker.snapshot().pause.paused).toBe(false);
    expect(t.store.get('pause')).toMatchObject({ paused: false });
    await until(() => t.counter.count('ReceiveMessage') >= 1);
  });
});
