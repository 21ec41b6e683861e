import { describe, expect, it } from 'vitest';
import type { JobRunner, StopReason } from '../../../src-main/engine/ports/job.ts';
import { readQuarantineMetadata } from '../../../src-main/engine/queue/message-attributes.ts';
import { aborted, gate, receiveNow, roundTrip, until, useWorkerSuite, type TestWorker } from './harness.ts';

describe('worker: stop and cancel against fauxqs', () => {
  const suite = useWorkerSuite();

  /** A job that waits until told to stop, reports why, and ends as a stopped job does: retry. */
  function stoppableJob() {
    const started = gate();
    const reasons: StopReason[] = [];
    const runJob: JobRunner = async (ctx) => {
      started.open();
      reasons.push((await aborted(ctx.signal)) as StopReason);
      return { kind: 'retry', reason: 'stopped' };
    };
    return { started, reasons, runJob };
  }

  /** The job is recorded as quarantined by the user's cancel, and its DLQ copy says so. */
  async function expectDiscardedByUser(t: TestWorker, dlqUrl: string, messageId: string) {
    expect(await until(() => t.journal.records[0])).toMatchObject({
      outcome: 'quarantined',
      reason: 'cancelled by user',
    });
    const [copy] = await receiveNow(suite.sqs.client, dlqUrl, { wait: 1 });
    expect(readQuarantineMetadata(copy?.MessageAttributes ?? {})).toMatchObject({
      reason: 'cancelled by user',
      sourceMessageId: messageId,
    });
  }

  it('graceful stop stops polling at once and lets a running job finish within the grace period', async () => {
    const { queueUrl } = await suite.queue('stop-graceful');
    const started = gate();
    const finish = gate();
    let signal: AbortSignal | null = null;
    const t = await suite.start(
      queueUrl,
      async (ctx) => {
        signal = ctx.signal;
        started.open();
        await finish.opened;
        return { kind: 'success', details: {} };
      },
      { shutdownGraceSeconds: 30 },
    );
    await suite.sendTask(queueUrl);
    await started.opened;
    const receives = t.counter.count('ReceiveMessage');
    let stopped = false;
    const stopping = t.worker.stop().then(() => (stopped = true));
    expect(t.worker.snapshot().status).toBe('stopping');
    await roundTrip(t);
    expect(stopped).toBe(false);
    finish.open();
    await stopping;
    expect(signal!.aborted).toBe(false);
    expect(t.journal.records[0]).toMatchObject({ outcome: 'succeeded' });
    expect(t.counter.count('DeleteMessage')).toBe(1);
    expect(t.counter.count('ReceiveMessage')).toBe(receives);
    expect(t.worker.snapshot().status).toBe('stopped');
  });

  it('graceful stop cancels a job still running after the grace period and releases its message', async () => {
    const { queueUrl } = await suite.queue('stop-grace-over');
    const job = stoppableJob();
    const t = await suite.start(queueUrl, job.runJob, { shutdownGraceSeconds: 1 });
    const messageId = await suite.sendTask(queueUrl);
    await job.started.opened;
    await t.worker.stop();
    expect(job.reasons).toEqual([expect.objectContaining({ kind: 'shutdown', disposition: 'release' })]);
    expect(t.journal.records[0]).toMatchObject({ outcome: 'released' });
    // stop() resolved only after the release: the message is visible right away.
    const [back] = await receiveNow(suite.sqs.client, queueUrl);
    expect(back?.MessageId).toBe(messageId);
  });

  it('stop({ immediate: true }) cancels and releases at once, also during a graceful stop', async () => {
    const { queueUrl } = await suite.queue('stop-immediate');
    const job = stoppableJob();
    const t = await suite.start(queueUrl, job.runJob, { shutdownGraceSeconds: 3600 });
    const messageId = await suite.sendTask(queueUrl);
    await job.started.opened;
    const graceful = t.worker.stop();
    await roundTrip(t);
    expect(job.reasons).toEqual([]);
    await t.worker.stop({ immediate: true });
    await graceful;
    expect(job.reasons).toEqual([expect.objectContaining({ kind: 'shutdown' })]);
    const [back] = await receiveNow(suite.sqs.client, queueUrl);
    expect(back?.MessageId).toBe(messageId);
  });

  it('settles without a job that ignores its stop signal, so quitting cannot hang', async () => {
    const { queueUrl } = await suite.queue('stop-stubborn');
    const started = gate();
    const t = await suite.start(
      queueUrl,
      async () => {
        started.open();
        return new Promise<never>(() => {});
      },
      {},
      { timings: { abandonAfterMs: 200 } },
    );
    const messageId = await suite.sendTask(queueUrl);
    await started.opened;
    await t.worker.stop({ immediate: true });
    expect(t.journal.records[0]).toMatchObject({ outcome: 'released' });
    expect(t.journal.logs.get(t.journal.records[0]!.jobId)!.text()).toMatch(/did not stop within/);
    const [back] = await receiveNow(suite.sqs.client, queueUrl);
    expect(back?.MessageId).toBe(messageId);
  });

  it('cancel with "release" aborts the job and puts the message back on the queue', async () => {
    const { queueUrl } = await suite.queue('cancel-release');
    const job = stoppableJob();
    const t = await suite.start(queueUrl, job.runJob);
    const messageId = await suite.sendTask(queueUrl);
    await job.started.opened;
    t.worker.pause({}); // keep this worker from taking the message straight back
    const jobId = t.worker.snapshot().jobs[0]!.jobId;
    expect(t.worker.cancel('no-such-job', 'release')).toBe(false);
    expect(t.worker.cancel(jobId, 'release')).toBe(true);
    expect(t.worker.snapshot().jobs[0]).toMatchObject({ jobId, stopping: 'cancelled by user' });
    const record = await until(() => t.journal.records[0]);
    expect(job.reasons).toEqual([
      { kind: 'cancelled', message: 'cancelled by user', disposition: 'release' },
    ]);
    expect(record).toMatchObject({ outcome: 'released', reason: 'cancelled by user' });
    const [back] = await receiveNow(suite.sqs.client, queueUrl);
    expect(back?.MessageId).toBe(messageId);
  });

  it('cancel with "discard" quarantines the message with the reason "cancelled by user"', async () => {
    const { queueUrl, dlqUrl } = await suite.queue('cancel-discard');
    const job = stoppableJob();
    const t = await suite.start(queueUrl, job.runJob);
    const messageId = await suite.sendTask(queueUrl);
    await job.started.opened;
    t.worker.cancel(t.worker.snapshot().jobs[0]!.jobId, 'discard');
    await expectDiscardedByUser(t, dlqUrl, messageId);
    expect(await receiveNow(suite.sqs.client, queueUrl)).toEqual([]);
    expect(t.notices).toEqual([]);
  });

  it('deletes the message of a job that finished its work just as it was cancelled', async () => {
    const { queueUrl } = await suite.queue('cancel-too-late');
    const started = gate();
    const t = await suite.start(queueUrl, async (ctx) => {
      started.open();
      await aborted(ctx.signal);
      // The pull request was opened already: the work is done, whatever the stop says.
      return { kind: 'success', details: { prUrl: 'https://github.com/octo-org/hello-world/pull/3' } };
    });
    await suite.sendTask(queueUrl);
    await started.opened;
    t.worker.pause({}); // a released message would otherwise come straight back
    t.worker.cancel(t.worker.snapshot().jobs[0]!.jobId, 'release');
    expect(await until(() => t.journal.records[0])).toMatchObject({ outcome: 'succeeded' });
    expect(t.counter.count('DeleteMessage')).toBe(1);
    expect(t.notices.map((n) => n.kind)).toEqual(['pr-opened']);
    expect(await receiveNow(suite.sqs.client, queueUrl)).toEqual([]);
  });

  it('lets "discard" take over a job already stopping for another reason, and refuses a release after it', async () => {
    const { queueUrl, dlqUrl } = await suite.queue('cancel-upgrade');
    const started = gate();
    const stopped = gate();
    const finish = gate();
    const t = await suite.start(queueUrl, async (ctx) => {
      started.open();
      await aborted(ctx.signal);
      stopped.open();
      await finish.opened;
      return { kind: 'retry', reason: 'stopped' };
    });
    const messageId = await suite.sendTask(queueUrl);
    await started.opened;
    t.worker.pause({ mode: 'stop-now' });
    await stopped.opened;
    const jobId = t.worker.snapshot().jobs[0]!.jobId;
    expect(t.worker.cancel(jobId, 'discard')).toBe(true);
    expect(t.worker.cancel(jobId, 'release')).toBe(false);
    finish.open();
    await expectDiscardedByUser(t, dlqUrl, messageId);
    expect(t.worker.cancel(jobId, 'discard')).toBe(false);
  });
});
