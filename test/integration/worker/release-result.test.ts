/**
 * A job that ends with 'release' (the approval gate timed out, issue #14): its message goes back
 * on the queue at once — visibility 0, not a retry backoff — and history says why.
 */
import { describe, expect, it } from 'vitest';
import { receiveNow, until, useWorkerSuite } from './harness.ts';

describe('worker: a released job', () => {
  const suite = useWorkerSuite();

  it('puts the message back at once with the reason', async () => {
    const { queueUrl } = await suite.queue('release-result');
    let runs = 0;
    const t = await suite.start(
      queueUrl,
      async () => {
        runs++;
        // No new receive after this job, so the test can see where the message is.
        t.worker.pause({});
        return {
          kind: 'release',
          reason: 'nobody approved the push within 240 min; the message was released',
        };
      },
      { retryBackoffSeconds: [600] },
    );
    const messageId = await suite.sendTask(queueUrl);
    await until(() => t.journal.records.length === 1);
    expect(runs).toBe(1);
    expect(t.journal.records[0]).toMatchObject({
      outcome: 'released',
      reason: 'nobody approved the push within 240 min; the message was released',
    });
    expect(t.counter.inputs('ChangeMessageVisibility')).toContainEqual(
      expect.objectContaining({ VisibilityTimeout: 0 }),
    );
    // Not held back by the 600 s retry backoff: it can be received again right away.
    const [again] = await receiveNow(suite.sqs.client, queueUrl, { wait: 1 });
    expect(again?.MessageId).toBe(messageId);
  });
});
