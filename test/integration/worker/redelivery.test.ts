import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import type { JobRunner } from '../../../src-main/engine/ports/job.ts';
import type { SqsRequestCounter } from '../../support/sqs-request-counter.ts';
import { gate, heldJob, until, useWorkerSuite } from './harness.ts';

/** Every receipt handle the worker was given for the message, in order. */
function receiptsOf(counter: SqsRequestCounter, messageId: string): string[] {
  return counter
    .outputs('ReceiveMessage')
    .flatMap((o) => (o.Messages as { MessageId: string; ReceiptHandle: string }[] | undefined) ?? [])
    .filter((m) => m.MessageId === messageId)
    .map((m) => m.ReceiptHandle);
}

describe('worker: one slot per message, and every delivery of it settled', () => {
  const suite = useWorkerSuite();

  /** A job that ignores its stop signal until `finish` opens; later runs succeed at once. */
  function stubbornJob() {
    const started = gate();
    const finish = gate();
    const state = { runs: 0, active: 0, maxActive: 0 };
    const runJob: JobRunner = async () => {
      state.runs++;
      state.active++;
      state.maxActive = Math.max(state.maxActive, state.active);
      try {
        if (state.runs > 1) return { kind: 'success', details: {} };
        started.open();
        await finish.opened;
        return { kind: 'retry', reason: 'stopped late' };
      } finally {
        state.active--;
      }
    };
    return { started, finish, state, runJob };
  }

  it('keeps the slot of a job that ignores its stop signal until it really ends', async () => {
    const { queueUrl } = await suite.queue('abandon-slot');
    const job = stubbornJob();
    const t = await suite.start(queueUrl, job.runJob, {}, { timings: { abandonAfterMs: 200 } });
    const messageId = await suite.sendTask(queueUrl);
    await job.started.opened;
    const jobId = t.worker.snapshot().jobs[0]!.jobId;
    t.worker.cancel(jobId, 'release');
    // Settled without it (released) ...
    expect(await until(() => t.journal.records[0])).toMatchObject({ outcome: 'released' });
    // ... yet its slot is still taken, so the message is not taken again to run beside it.
    expect(t.worker.snapshot().jobs).toEqual([
      expect.objectContaining({ jobId, stopping: expect.stringMatching(/did not stop/) }),
    ]);
    expect(receiptsOf(t.counter, messageId)).toHaveLength(1);
    job.finish.open();
    await until(() => t.journal.records.length === 2);
    expect(t.journal.records[1]).toMatchObject({ messageId, outcome: 'succeeded' });
    expect(job.state).toMatchObject({ runs: 2, maxActive: 1 });
  });

  it('holds a redelivery of a message whose job outlived it, and releases it when the job ends', async () => {
    const { queueUrl } = await suite.queue('abandon-redelivery');
    const job = stubbornJob();
    const t = await suite.start(
      queueUrl,
      job.runJob,
      { concurrency: 2 },
      { timings: { abandonAfterMs: 200 } },
    );
    const messageId = await suite.sendTask(queueUrl);
    await job.started.opened;
    const jobId = t.worker.snapshot().jobs[0]!.jobId;
    t.worker.cancel(jobId, 'release');
    // Released when abandoned, the message comes straight back to the free slot here.
    const log = () => t.journal.logs.get(jobId)!.text();
    await until(() => /holding it until the job ends/.test(log()));
    expect(job.state).toMatchObject({ runs: 1, maxActive: 1 });
    const [, held] = receiptsOf(t.counter, messageId);
    job.finish.open();
    await until(() => t.journal.records.length === 2);
    expect(t.journal.records[1]).toMatchObject({ messageId, outcome: 'succeeded' });
    expect(job.state).toMatchObject({ runs: 2, maxActive: 1 });
    expect(
      t.counter.requests.find(
        (r) => r.command === 'ChangeMessageVisibility' && r.input.ReceiptHandle === held && r.output,
      )?.input,
    ).toMatchObject({ VisibilityTimeout: 0 });
  });

  it('gives a delivery that arrives while the job settles the same fate instead of leaving it hidden', async () => {
    const { queueUrl } = await suite.queue('settling-redelivery');
    const finish = gate();
    let runs = 0;
    const t = await suite.start(
      queueUrl,
      async () => {
        runs++;
        await finish.opened;
        return { kind: 'retry', reason: 'GitHub is down' };
      },
      { concurrency: 2, retryBackoffSeconds: [5] },
    );
    const messageId = await suite.sendTask(queueUrl);
    await until(() => runs === 1);
    const jobId = t.worker.snapshot().jobs[0]!.jobId;
    // While the retry's ChangeMessageVisibility is about to go out, SQS hands the message out again.
    let intercepted = false;
    t.client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { ReceiptHandle?: string; VisibilityTimeout?: number };
        if (
          context.commandName === 'ChangeMessageVisibilityCommand' &&
          input.VisibilityTimeout === 5 &&
          !intercepted
        ) {
          intercepted = true;
          await suite.sqs.client.send(
            new ChangeMessageVisibilityCommand({
              QueueUrl: queueUrl,
              ReceiptHandle: input.ReceiptHandle!,
              VisibilityTimeout: 0,
            }),
          );
          await until(() => /delivered again/.test(t.journal.logs.get(jobId)!.text()));
        }
        return next(args);
      },
      { step: 'initialize', name: 'redeliverWhileSettling' },
    );
    finish.open();
    await until(() => t.journal.records[0]);
    const [, second] = receiptsOf(t.counter, messageId);
    expect(second).toBeDefined();
    // The new delivery got the retry's delay, so it is neither hidden for a whole lease nor run at once.
    expect(
      t.counter.requests.find(
        (r) => r.command === 'ChangeMessageVisibility' && r.input.ReceiptHandle === second && r.output,
      )?.input,
    ).toMatchObject({ VisibilityTimeout: 5 });
    expect(runs).toBe(1);
  });

  it('adopts a redelivery of a running job whole: receive count, last attempt, receipt and retry delay', async () => {
    const { queueUrl } = await suite.queue('adopt-count', { maxReceiveCount: 5 });
    const { started, finish, runJob } = heldJob({ kind: 'retry', reason: 'push failed' });
    const t = await suite.start(queueUrl, runJob, { concurrency: 2, retryBackoffSeconds: [1, 7] });
    const messageId = await suite.sendTask(queueUrl);
    await started.opened;
    const jobId = t.worker.snapshot().jobs[0]!.jobId;
    const [first] = receiptsOf(t.counter, messageId);
    await suite.sqs.client.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: first!, VisibilityTimeout: 0 }),
    );
    await until(() => t.worker.snapshot().jobs[0]?.receiveCount === 2);
    const [, second] = receiptsOf(t.counter, messageId);
    finish.open();
    const record = await until(() => t.journal.records[0]);
    expect(record).toMatchObject({ jobId, receiveCount: 2, outcome: 'retrying' });
    expect(t.counter.inputs('ChangeMessageVisibility').at(-1)).toMatchObject({
      ReceiptHandle: second,
      VisibilityTimeout: 7,
    });
  });
});
