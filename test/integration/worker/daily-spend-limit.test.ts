/**
 * The daily spend limit against fauxqs (issue #14): once today's recorded cost reaches
 * limits.perDayUsd the worker pauses with the reason 'daily-limit' — no new message is taken —
 * until local midnight (fake clock), or until the user resumes, which lifts the limit for the day.
 */
import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../../shared/job-record.ts';
import type { JobRunner } from '../../../src-main/engine/ports/job.ts';
import { DailySpendLimit } from '../../../src-main/engine/spend/daily-limit.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { receiveNow, roundTrip, until, useWorkerSuite, type TestWorker } from './harness.ts';

/** 22:00 local time: the next midnight is two hours away. */
const EVENING = new Date(2026, 10, 20, 22, 0, 0).getTime();
const MIDNIGHT = new Date(2026, 10, 21, 0, 0, 0).getTime();

describe('worker: the daily spend limit', () => {
  const suite = useWorkerSuite();

  const costly: JobRunner = async () => ({
    kind: 'success',
    details: { usage: { tokensSent: 1000, tokensReceived: 100, costUsd: 0.06 } },
  });

  /** A worker whose recorded jobs feed the limit, as build-worker-app wires it. */
  function limited(t: TestWorker, clock: FakeClock, records: JobRecord[] = []): DailySpendLimit {
    const limit = new DailySpendLimit({ limitUsd: 0.1, clock, records });
    const record = t.journal.record.bind(t.journal);
    t.journal.record = async (r) => {
      await record(r);
      limit.record(r);
    };
    limit.attach(t.worker);
    return limit;
  }

  it('pauses once today’s spend reaches the limit and takes the next task after local midnight', async () => {
    const { queueUrl } = await suite.queue('daily-limit');
    const clock = new FakeClock(EVENING);
    const t = suite.create(queueUrl, costly, {}, { clock });
    const limit = limited(t, clock);
    await suite.sendTask(queueUrl, { issue_number: 1 });
    await suite.sendTask(queueUrl, { issue_number: 2 });
    await suite.sendTask(queueUrl, { issue_number: 3 });
    await t.worker.start();

    await until(() => t.journal.records.length === 2 && t.worker.snapshot().pause.paused);
    expect(t.worker.snapshot().pause).toMatchObject({
      paused: true,
      reason: 'daily-limit',
      until: new Date(MIDNIGHT).toISOString(),
    });
    expect(limit.view()).toEqual({ todayUsd: 0.12, perDayUsd: 0.1 });
    expect(limit.remainingUsd()).toBe(0);
    // Paused: the third task stays on the queue.
    await roundTrip(t);
    await roundTrip(t);
    expect(t.journal.records).toHaveLength(2);
    const [third] = await receiveNow(suite.sqs.client, queueUrl, { wait: 1, visibilitySeconds: 0 });
    expect(third).toBeDefined();

    await clock.advanceTo(MIDNIGHT);
    expect(t.worker.snapshot().pause.paused).toBe(false);
    expect(limit.view().todayUsd).toBe(0);
    await until(() => t.journal.records.length === 3);
    expect(t.worker.snapshot().pause.paused).toBe(false);
  });

  it('lifts the limit for the rest of the day when the user resumes', async () => {
    const { queueUrl } = await suite.queue('daily-limit-resume');
    const clock = new FakeClock(EVENING);
    const t = suite.create(queueUrl, costly, {}, { clock });
    const today = new Date(EVENING - 3_600_000).toISOString();
    // A restart: earlier jobs today already reached the limit.
    const limit = limited(t, clock, [
      {
        jobId: 'earlier',
        messageId: 'm',
        issue: null,
        outcome: 'succeeded',
        reason: null,
        prUrl: null,
        branch: null,
        startedAt: today,
        endedAt: today,
        phases: [],
        model: null,
        usage: { tokensSent: null, tokensReceived: null, costUsd: 0.25 },
        receiveCount: 1,
        logFile: null,
      },
    ]);
    expect(t.worker.snapshot().pause).toMatchObject({ paused: true, reason: 'daily-limit' });
    await suite.sendTask(queueUrl, { issue_number: 4 });
    await suite.sendTask(queueUrl, { issue_number: 5 });
    await t.worker.start();
    await roundTrip(t);
    expect(t.journal.records).toHaveLength(0);

    t.worker.resume();
    await until(() => t.journal.records.length === 2);
    expect(t.worker.snapshot().pause.paused).toBe(false);
    expect(limit.remainingUsd()).toBeNull();
    expect(limit.view().todayUsd).toBeCloseTo(0.37, 6);
  });
});
