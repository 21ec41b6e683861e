import { CreateQueueCommand, SendMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import type { JobContext, JobResult } from '../../../src-main/engine/ports/job.ts';
import {
  QUARANTINE_ATTRIBUTE,
  readQuarantineMetadata,
} from '../../../src-main/engine/queue/message-attributes.ts';
import { asciiJson } from '../../../src-main/engine/queue/send-task-message.ts';
import { Redactor } from '../../../src-main/engine/security/redact.ts';
import { sampleTask } from '../../support/sample-task.ts';
import { queueName, receiveNow, sendBody, until, untilAsync, useWorkerSuite } from './harness.ts';

/** The worker's quarantine metadata on a DLQ copy. */
function quarantineOf(message: Message | undefined) {
  return readQuarantineMetadata(message?.MessageAttributes ?? {});
}

describe('worker: receive and settle against fauxqs', () => {
  const suite = useWorkerSuite();

  it('long-polls with the lease as visibility timeout and asks for the attributes it needs', async () => {
    const { queueUrl } = await suite.queue('params');
    const t = await suite.start(queueUrl, async () => ({ kind: 'success', details: {} }), {
      concurrency: 3,
      leaseSeconds: 300,
      waitTimeSeconds: 1,
    });
    const input = await until(() => t.counter.inputs('ReceiveMessage')[0]);
    expect(input).toMatchObject({
      QueueUrl: queueUrl,
      WaitTimeSeconds: 1,
      MaxNumberOfMessages: 3,
      VisibilityTimeout: 300,
      MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
      MessageAttributeNames: ['All'],
    });
    expect(t.worker.snapshot().status).toBe('polling');
  });

  it("finds the DLQ from the queue's redrive policy", async () => {
    const pair = await suite.queue('resolve');
    const t = await suite.start(pair.queueUrl, async () => ({ kind: 'success', details: {} }));
    expect(t.worker.dlqUrl).toBe(pair.dlqUrl);
    expect(t.worker.snapshot().dlqUrl).toBe(pair.dlqUrl);
  });

  it('deletes the message on success, records the job and announces the pull request', async () => {
    const { queueUrl } = await suite.queue('success');
    const contexts: JobContext[] = [];
    const t = await suite.start(queueUrl, async (ctx) => {
      contexts.push(ctx);
      ctx.setPhase('running-agent');
      ctx.log.write('stdout', 'agent says hi');
      ctx.setPhase('publishing');
      return {
        kind: 'success',
        details: { prUrl: 'https://github.com/octo-org/hello-world/pull/9', branch: 'ai-task/issue-42' },
      };
    });
    const messageId = await suite.sendTask(queueUrl);
    const record = await until(() => t.journal.records[0]);
    expect(contexts[0]).toMatchObject({
      messageId,
      receiveCount: 1,
      isLastAttempt: false,
      message: sampleTask(),
    });
    expect(record).toMatchObject({
      messageId,
      outcome: 'succeeded',
      reason: null,
      prUrl: 'https://github.com/octo-org/hello-world/pull/9',
      branch: 'ai-task/issue-42',
      issue: { repository: 'octo-org/hello-world', number: 42, title: 'Fix the greeting' },
      receiveCount: 1,
      logFile: `memory://${record.jobId}.log`,
    });
    expect(record.phases.map((p) => p.phase)).toEqual([
      'received',
      'running-agent',
      'publishing',
      'settling',
    ]);
    expect(t.counter.inputs('DeleteMessage')).toHaveLength(1);
    expect(t.notices).toEqual([
      expect.objectContaining({
        kind: 'pr-opened',
        url: 'https://github.com/octo-org/hello-world/pull/9',
        jobId: record.jobId,
      }),
    ]);
    expect(t.journal.logs.get(record.jobId)!.text()).toContain('agent says hi');
    expect(await receiveNow(suite.sqs.client, queueUrl)).toEqual([]);
  });

  it('deletes the message on a no-op', async () => {
    const { queueUrl } = await suite.queue('noop');
    const t = await suite.start(queueUrl, async () => ({
      kind: 'noop',
      reason: 'a pull request is already open',
      why: 'duplicate',
    }));
    await suite.sendTask(queueUrl);
    expect(await until(() => t.journal.records[0])).toMatchObject({ outcome: 'duplicate' });
    expect(t.counter.count('DeleteMessage')).toBe(1);
    expect(t.notices).toEqual([]);
  });

  it('retries a job whose no-op names no known reason, instead of trusting it', async () => {
    const { queueUrl } = await suite.queue('noop-why');
    let calls = 0;
    const t = await suite.start(queueUrl, async () => {
      calls++;
      if (calls > 1) return { kind: 'success', details: {} };
      return { kind: 'noop', reason: 'looks done', why: 'because' } as unknown as JobResult;
    });
    await suite.sendTask(queueUrl);
    await until(() => t.journal.records.length === 2);
    expect(t.journal.records.map((r) => [r.outcome, r.reason])).toEqual([
      ['retrying', 'the job returned something that is not a JobResult'],
      ['succeeded', null],
    ]);
  });

  it('quarantines malformed JSON and schema-invalid bodies with their reasons, without running them', async () => {
    const { queueUrl, dlqUrl } = await suite.queue('invalid');
    let runs = 0;
    const t = await suite.start(queueUrl, async () => {
      runs++;
      return { kind: 'success', details: {} };
    });
    const badJson = await sendBody(suite.sqs, queueUrl, '{"issue_number": 42, oops');
    const badShape = await sendBody(
      suite.sqs,
      queueUrl,
      JSON.stringify({ ...sampleTask(), issue_number: 'forty-two' }),
    );
    await until(() => t.journal.records.length === 2);
    expect(runs).toBe(0);
    const copies = await receiveNow(suite.sqs.client, dlqUrl, { wait: 1 });
    const bySource = new Map(copies.map((m) => [quarantineOf(m).sourceMessageId, m]));
    expect(bySource.get(badJson)?.Body).toBe('{"issue_number": 42, oops');
    expect(quarantineOf(bySource.get(badJson)).reason).toMatch(
      /^invalid task message: \(message\) is not JSON/,
    );
    expect(quarantineOf(bySource.get(badShape)).reason).toBe(
      'invalid task message: issue_number must be a number',
    );
    for (const copy of copies) {
      // One attribute of the worker's, so the originals keep their slots.
      expect(Object.keys(copy.MessageAttributes ?? {})).toEqual([QUARANTINE_ATTRIBUTE]);
      expect(quarantineOf(copy).receiveCount).toBe(1);
      expect(Date.parse(quarantineOf(copy).quarantinedAt!)).not.toBeNaN();
    }
    expect(t.journal.records.map((r) => r.outcome)).toEqual(['quarantined', 'quarantined']);
    expect(t.notices.map((n) => n.kind)).toEqual(['job-failed', 'job-failed']);
    expect(await receiveNow(suite.sqs.client, queueUrl)).toEqual([]);
  });

  it('quarantines a permanent failure with the original body and attributes', async () => {
    const { queueUrl, dlqUrl } = await suite.queue('permanent');
    const t = await suite.start(queueUrl, async () => ({
      kind: 'permanent',
      reason: 'repository octo-org/hello-world is not allowed',
    }));
    const body = asciiJson(sampleTask({ title: 'Grüße 🚀' }));
    const { MessageId } = await suite.sqs.client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: body,
        MessageAttributes: { traceparent: { DataType: 'String', StringValue: '00-abc-def-01' } },
      }),
    );
    await until(() => t.journal.records[0]);
    const [copy] = await receiveNow(suite.sqs.client, dlqUrl, { wait: 1 });
    expect(copy?.Body).toBe(body);
    expect(copy?.MessageAttributes).toMatchObject({
      traceparent: { DataType: 'String', StringValue: '00-abc-def-01' },
    });
    expect(quarantineOf(copy)).toMatchObject({
      reason: 'repository octo-org/hello-world is not allowed',
      sourceMessageId: MessageId,
    });
    expect(t.notices[0]).toMatchObject({
      kind: 'job-failed',
      title: 'Job failed: octo-org/hello-world#42',
      url: 'https://github.com/octo-org/hello-world/issues/42',
    });
  });

  it('retries a job that throws, with the error redacted', async () => {
    const { queueUrl } = await suite.queue('throws');
    const redactor = new Redactor();
    redactor.add('s3cr3t-token-value');
    let calls = 0;
    const t = await suite.start(
      queueUrl,
      async () => {
        calls++;
        if (calls === 1) throw new Error('push failed with s3cr3t-token-value');
        return { kind: 'success', details: {} };
      },
      {},
      { redactor },
    );
    await suite.sendTask(queueUrl);
    await until(() => t.journal.records.length === 2);
    expect(t.journal.records.map((r) => [r.outcome, r.receiveCount])).toEqual([
      ['retrying', 1],
      ['succeeded', 2],
    ]);
    expect(t.journal.records[0]!.reason).toBe('push failed with ***');
  });

  it('delays retries by the backoff for each receive and quarantines the last one with its reason', async () => {
    const { queueUrl, dlqUrl } = await suite.queue('retry', { maxReceiveCount: 3 });
    const seen: [number, boolean][] = [];
    const t = await suite.start(
      queueUrl,
      async (ctx) => {
        seen.push([ctx.receiveCount, ctx.isLastAttempt]);
        return { kind: 'retry', reason: 'GitHub is down' };
      },
      { retryBackoffSeconds: [0, 1] },
    );
    const messageId = await suite.sendTask(queueUrl);
    const [moved] = await untilAsync(async () => {
      const found = await receiveNow(suite.sqs.client, dlqUrl);
      return found.length > 0 ? found : null;
    }, 15_000);
    // The worker put it there itself, with the reason, instead of leaving it to SQS's redrive.
    expect(quarantineOf(moved)).toMatchObject({
      reason: 'GitHub is down (gave up after 3 attempts)',
      sourceMessageId: messageId,
      receiveCount: 3,
    });
    expect(seen).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(t.counter.inputs('ChangeMessageVisibility').map((i) => i.VisibilityTimeout)).toEqual([0, 1]);
    await until(() => t.journal.records.length === 3);
    expect(t.journal.records.map((r) => r.outcome)).toEqual(['retrying', 'retrying', 'failed']);
    expect(t.notices.map((n) => n.kind)).toEqual(['job-failed']);
    expect(await receiveNow(suite.sqs.client, queueUrl)).toEqual([]);
  });

  it('without a DLQ retries a permanent failure with the longest backoff and says why', async () => {
    const created = await suite.sqs.client.send(new CreateQueueCommand({ QueueName: queueName('no-dlq') }));
    const queueUrl = created.QueueUrl!;
    const t = await suite.start(queueUrl, async () => ({ kind: 'permanent', reason: 'not allowed' }), {
      retryBackoffSeconds: [1, 30, 5],
    });
    expect(t.worker.dlqUrl).toBeNull();
    await suite.sendTask(queueUrl);
    const record = await until(() => t.journal.records[0]);
    expect(record.outcome).toBe('retrying');
    expect(t.counter.inputs('ChangeMessageVisibility').at(-1)).toMatchObject({ VisibilityTimeout: 30 });
    expect(t.counter.count('SendMessage')).toBe(0);
    expect(t.worker.snapshot().lastError).toMatchObject({ code: 'no-dlq' });
    expect(t.worker.snapshot().lastError!.message).toMatch(/no dead-letter queue/);
  });
});
