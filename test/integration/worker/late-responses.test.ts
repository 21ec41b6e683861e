import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/fake-clock.ts';
import { gate, receiveNow, until, useWorkerSuite, type TestWorker } from './harness.ts';

/** Holds the first ReceiveMessage response that carries a message until `release` opens. */
function holdFirstDelivery(t: TestWorker) {
  const held = gate();
  const release = gate();
  const receipts: string[] = [];
  let holding = false;
  t.client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const messages = (result.output as { Messages?: { ReceiptHandle: string }[] }).Messages ?? [];
      if (context.commandName === 'ReceiveMessageCommand' && messages.length > 0 && !holding) {
        holding = true;
        receipts.push(...messages.map((m) => m.ReceiptHandle));
        held.open();
        await release.opened;
      }
      return result;
    },
    { step: 'initialize', name: 'holdFirstDelivery' },
  );
  return { held, release, receipts };
}

describe('worker: receive responses that arrive late', () => {
  const suite = useWorkerSuite();

  it('stop() waits until a message that arrived after it was put back on the queue', async () => {
    const { queueUrl } = await suite.queue('late-after-stop');
    let runs = 0;
    const t = suite.create(queueUrl, async () => {
      runs++;
      return { kind: 'success', details: {} };
    });
    const hold = holdFirstDelivery(t);
    await t.worker.start();
    const messageId = await suite.sendTask(queueUrl);
    await hold.held.opened;
    const stopping = t.worker.stop();
    // The response reaches the worker once it has stopped waiting for it (a macrotask later).
    await until(() => t.worker.snapshot().status !== 'polling');
    setImmediate(() => hold.release.open());
    await stopping;
    // Resolved only after the late message was released: it is visible at once.
    const release = t.counter.requests.find((r) => r.command === 'ChangeMessageVisibility');
    expect(release).toMatchObject({ input: { VisibilityTimeout: 0 }, output: expect.anything() });
    const [back] = await receiveNow(suite.sqs.client, queueUrl);
    expect(back?.MessageId).toBe(messageId);
    expect(runs).toBe(0);
  });

  it('puts back, without running it, a message whose lease ran out before its response arrived', async () => {
    const { queueUrl } = await suite.queue('late-lapsed');
    const clock = new FakeClock();
    const ranDeliveries: number[] = [];
    const t = suite.create(
      queueUrl,
      async (ctx) => {
        ranDeliveries.push(ctx.receiveCount);
        return { kind: 'success', details: {} };
      },
      { leaseSeconds: 30 },
      { clock },
    );
    const hold = holdFirstDelivery(t);
    await t.worker.start();
    const messageId = await suite.sendTask(queueUrl);
    await hold.held.opened;
    // The laptop slept with the response on the wire: the watchdog gave up, and the lease is over.
    await clock.advance(31_000);
    hold.release.open();
    const [receipt] = hold.receipts;
    await until(() =>
      t.counter.requests.some(
        (r) =>
          r.command === 'ChangeMessageVisibility' &&
          r.input.ReceiptHandle === receipt &&
          (r.output || r.error),
      ),
    );
    expect(t.counter.inputs('ChangeMessageVisibility')[0]).toMatchObject({
      ReceiptHandle: receipt,
      VisibilityTimeout: 0,
    });
    // That delivery never ran (the worker may well take the message again, as a fresh delivery).
    expect(ranDeliveries.filter((n) => n === 1)).toEqual([]);
    await until(() => t.journal.records[0]);
    expect(t.journal.records[0]).toMatchObject({ messageId, receiveCount: 2 });
  });
});
