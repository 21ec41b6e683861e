import { describe, expect, it } from 'vitest';
import type { StopReason } from '../../../src-main/engine/ports/job.ts';
import { VISIBILITY_CAP_MS } from '../../../src-main/engine/worker/lease.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { aborted, gate, until, useWorkerSuite } from './harness.ts';

// fauxqs does not enforce SQS's 12-hour visibility cap, so time is a fake clock here; SQS calls are real.
describe('worker: the 12-hour visibility cap', () => {
  const suite = useWorkerSuite();

  it('stops a job before the 12 h cap with a clear reason, releases the message and records it', async () => {
    const { queueUrl } = await suite.queue('cap');
    const clock = new FakeClock();
    const started = gate();
    let reason: StopReason | null = null;
    const t = await suite.start(
      queueUrl,
      async (ctx) => {
        started.open();
        reason = (await aborted(ctx.signal)) as StopReason;
        return { kind: 'retry', reason: 'stopped' };
      },
      { leaseSeconds: 1800, heartbeatSeconds: 600 },
      { clock },
    );
    await suite.sendTask(queueUrl);
    await started.opened;
    const receivedAt = clock.now();
    t.worker.pause({}); // so the released message is not picked up again at once

    // Heartbeat every 10 minutes of fake time, waiting for each real extension to land.
    const heartbeatMs = 600_000;
    for (let beat = 1; reason === null; beat++) {
      await clock.advance(heartbeatMs);
      // Wait until the extension landed and the next heartbeat is scheduled.
      await until(() => {
        const next = t.worker.snapshot().jobs[0]?.lease.nextHeartbeatAt;
        return reason !== null || (next != null && Date.parse(next) > clock.now());
      });
      expect(beat).toBeLessThan(80);
    }
    expect(reason).toMatchObject({ kind: 'visibility-cap', disposition: 'release' });
    // Stopped two heartbeats before the cap, so it can wind down and be released in time.
    expect(clock.now() - receivedAt).toBe(VISIBILITY_CAP_MS - 2 * heartbeatMs);

    const record = await until(() => t.journal.records[0]);
    expect(record.outcome).toBe('released');
    expect(record.reason).toMatch(/12-hour visibility limit/);
    const calls = t.counter.inputs('ChangeMessageVisibility');
    expect(calls.at(-1)).toMatchObject({ VisibilityTimeout: 0 });
    expect(t.counter.count('DeleteMessage')).toBe(0);
    // No extension ever asked SQS for visibility beyond the cap.
    const extensions = calls.slice(0, -1);
    expect(extensions).toHaveLength(69);
    extensions.forEach((call, i) => {
      const sentAt = (i + 1) * heartbeatMs;
      expect(sentAt + Number(call.VisibilityTimeout) * 1000).toBeLessThanOrEqual(VISIBILITY_CAP_MS);
    });
    await t.worker.stop({ immediate: true });
  });
});
