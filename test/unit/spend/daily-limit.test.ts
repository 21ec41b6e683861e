/** The daily spend limit: today's spend from the job records, the pause until midnight, the user's lift. */
import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../../shared/job-record.ts';
import type { PauseReason, PauseState, WorkerSnapshot } from '../../../shared/snapshot.ts';
import type { Clock } from '../../../src-main/engine/ports/clock.ts';
import {
  DailySpendLimit,
  nextLocalMidnight,
  type PausablePort,
} from '../../../src-main/engine/spend/daily-limit.ts';

/** Noon, local time, on a fixed day. */
const NOON = new Date(2026, 10, 20, 12, 0, 0).getTime();
const HOUR = 3_600_000;

function clockAt(start: number): Clock & { set(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    setTimeout: () => ({ cancel: () => undefined }),
    set: (ms) => {
      now = ms;
    },
  };
}

const job = (costUsd: number | null | undefined, endedAt: number | string): JobRecord =>
  ({
    endedAt: typeof endedAt === 'string' ? endedAt : new Date(endedAt).toISOString(),
    usage: costUsd === undefined ? undefined : { tokensSent: null, tokensReceived: null, costUsd },
  }) as unknown as JobRecord;

/** A worker that records its pauses and tells its listeners. */
function fakeWorker(initial: Partial<PauseState> = {}) {
  let pause: PauseState = { paused: false, reason: null, until: null, since: null, ...initial };
  const listeners = new Set<(snapshot: WorkerSnapshot) => void>();
  const calls: { mode: string; until: string | null; reason: PauseReason }[] = [];
  const snapshot = () => ({ pause }) as unknown as WorkerSnapshot;
  const set = (next: PauseState) => {
    pause = next;
    for (const listener of listeners) listener(snapshot());
  };
  const worker: PausablePort = {
    pause: (options) => {
      calls.push(options);
      set({ paused: true, reason: options.reason, until: options.until, since: null });
    },
    snapshot,
    onSnapshot: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { worker, calls, set, listeners };
}

describe('the daily spend limit', () => {
  it('sums today’s positive costs only, from the records and from finished jobs', () => {
    const clock = clockAt(NOON);
    const limit = new DailySpendLimit({
      limitUsd: 10,
      clock,
      records: [
        job(1.5, NOON - HOUR),
        job(2, NOON - 24 * HOUR),
        job(0, NOON - HOUR),
        job(-3, NOON - HOUR),
        job(null, NOON - HOUR),
        job(undefined, NOON - HOUR),
        job(4, 'not a time'),
      ],
    });
    expect(limit.spentTodayUsd()).toBe(1.5);
    limit.seed([job(0.25, NOON - 2 * HOUR)]);
    limit.record(job(0.1234567, NOON));
    expect(limit.spentTodayUsd()).toBeCloseTo(1.8734567, 9);
    expect(limit.view()).toEqual({ todayUsd: 1.873457, perDayUsd: 10 });
    expect(limit.remainingUsd()).toBeCloseTo(10 - 1.8734567, 9);
    expect(new DailySpendLimit({ limitUsd: null, clock }).remainingUsd()).toBeNull();
    expect(new DailySpendLimit({ limitUsd: 1, clock }).view()).toEqual({ todayUsd: 0, perDayUsd: 1 });
  });

  it('starts a new day at local midnight, forgetting yesterday', () => {
    const clock = clockAt(NOON);
    const limit = new DailySpendLimit({ limitUsd: 10, clock, records: [job(3, NOON)] });
    clock.set(NOON + 24 * HOUR);
    expect(limit.spentTodayUsd()).toBe(0);
    expect(limit.remainingUsd()).toBe(10);
    limit.record(job(1, NOON + 24 * HOUR));
    limit.record(job(5, NOON));
    expect(limit.spentTodayUsd()).toBe(1);
    clock.set(NOON);
    expect(limit.spentTodayUsd()).toBe(0);
  });

  it('pauses the worker until the next local midnight once today’s spend reaches the limit', () => {
    const clock = clockAt(NOON);
    const limit = new DailySpendLimit({ limitUsd: 2, clock });
    const { worker, calls, set } = fakeWorker();
    limit.attach(worker);
    expect(calls).toEqual([]);
    limit.record(job(1.5, NOON));
    expect(calls).toEqual([]);
    limit.record(job(0.5, NOON));
    expect(limit.remainingUsd()).toBe(0);
    expect(calls).toEqual([{ mode: 'after-current', until: nextLocalMidnight(NOON), reason: 'daily-limit' }]);
    // Already paused for the limit: not again, and a later snapshot of that pause lifts nothing.
    set({ paused: true, reason: 'daily-limit', until: nextLocalMidnight(NOON), since: 'now' });
    expect(limit.remainingUsd()).toBe(0);
    limit.record(job(1, NOON));
    expect(calls).toHaveLength(1);
    expect(limit.remainingUsd()).toBe(0);
  });

  it('pauses at once on attach when the records already spent the day, and not after detaching', () => {
    const clock = clockAt(NOON);
    const limit = new DailySpendLimit({ limitUsd: 1, clock, records: [job(1, NOON)] });
    const { worker, calls, listeners } = fakeWorker();
    const detach = limit.attach(worker);
    expect(calls).toHaveLength(1);
    detach();
    expect(listeners.size).toBe(0);
    const other = fakeWorker();
    limit.record(job(1, NOON));
    expect(other.calls).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('leaves a longer pause the user set as it is, but shortens nothing and replaces a shorter one', () => {
    const clock = clockAt(NOON);
    const spent = [job(5, NOON)];
    const forever = fakeWorker({ paused: true, reason: 'user', until: null });
    new DailySpendLimit({ limitUsd: 1, clock, records: spent }).attach(forever.worker);
    expect(forever.calls).toEqual([]);
    const longer = fakeWorker({
      paused: true,
      reason: 'user',
      until: new Date(NOON + 48 * HOUR).toISOString(),
    });
    new DailySpendLimit({ limitUsd: 1, clock, records: spent }).attach(longer.worker);
    expect(longer.calls).toEqual([]);
    const untilMidnight = fakeWorker({ paused: true, reason: 'user', until: nextLocalMidnight(NOON) });
    new DailySpendLimit({ limitUsd: 1, clock, records: spent }).attach(untilMidnight.worker);
    expect(untilMidnight.calls).toHaveLength(1);
    const shorter = fakeWorker({
      paused: true,
      reason: 'battery',
      until: new Date(NOON + HOUR).toISOString(),
    });
    new DailySpendLimit({ limitUsd: 1, clock, records: spent }).attach(shorter.worker);
    expect(shorter.calls).toEqual([
      { mode: 'after-current', until: nextLocalMidnight(NOON), reason: 'daily-limit' },
    ]);
    // A stale 'daily-limit' reason on a worker that is not paused does not count as paused.
    const stale = fakeWorker({ paused: false, reason: 'daily-limit' });
    new DailySpendLimit({ limitUsd: 1, clock, records: spent }).attach(stale.worker);
    expect(stale.calls).toHaveLength(1);
  });

  it('lifts the limit for the rest of the day when the user resumes, and applies it again the next day', () => {
    const clock = clockAt(NOON);
    const limit = new DailySpendLimit({ limitUsd: 1, clock, records: [job(1, NOON)] });
    const { worker, calls, set } = fakeWorker();
    limit.attach(worker);
    expect(calls).toHaveLength(1);
    set({ paused: false, reason: null, until: null, since: null });
    expect(limit.remainingUsd()).toBeNull();
    limit.record(job(3, NOON + HOUR));
    expect(calls).toHaveLength(1);
    clock.set(NOON + 24 * HOUR);
    expect(limit.remainingUsd()).toBe(1);
    limit.record(job(1, NOON + 24 * HOUR));
    expect(calls).toHaveLength(2);
  });

  it('does not count the end of a pause on a later day, or of another pause, as the user lifting it', () => {
    const clock = clockAt(NOON);
    const limit = new DailySpendLimit({ limitUsd: 1, clock, records: [job(1, NOON)] });
    const { worker, calls, set } = fakeWorker();
    limit.attach(worker);
    clock.set(NOON + 24 * HOUR);
    set({ paused: false, reason: null, until: null, since: null });
    expect(limit.remainingUsd()).toBe(1);
    limit.record(job(1, NOON + 24 * HOUR));
    expect(calls).toHaveLength(2);

    const clock2 = clockAt(NOON);
    const other = new DailySpendLimit({ limitUsd: 1, clock: clock2 });
    const user = fakeWorker({ paused: true, reason: 'user', until: null });
    other.attach(user.worker);
    user.set({ paused: false, reason: null, until: null, since: null });
    expect(other.remainingUsd()).toBe(1);
  });

  it('notices a resume of a daily-limit pause that was already on when it attached', () => {
    const clock = clockAt(NOON);
    const limit = new DailySpendLimit({ limitUsd: 1, clock, records: [job(1, NOON)] });
    const { worker, calls, set } = fakeWorker({
      paused: true,
      reason: 'daily-limit',
      until: nextLocalMidnight(NOON),
    });
    limit.attach(worker);
    expect(calls).toEqual([]);
    // Paused on another run of the worker: this one never paused it, so a resume is not a lift today.
    set({ paused: false, reason: null, until: null, since: null });
    expect(limit.remainingUsd()).toBe(0);
  });

  it('does not count the end of a longer pause the user set as the user lifting the limit', () => {
    const clock = clockAt(NOON);
    const limit = new DailySpendLimit({ limitUsd: 1, clock, records: [job(1, NOON)] });
    const { worker, calls, set } = fakeWorker({ paused: true, reason: 'user', until: null });
    limit.attach(worker);
    expect(calls).toEqual([]);
    set({ paused: true, reason: 'user', until: null, since: 'later' });
    set({ paused: false, reason: null, until: null, since: null });
    expect(limit.remainingUsd()).toBe(0);
    limit.record(job(0.5, NOON));
    expect(calls).toEqual([{ mode: 'after-current', until: nextLocalMidnight(NOON), reason: 'daily-limit' }]);

    // The same with the user resuming straight away.
    const direct = new DailySpendLimit({ limitUsd: 1, clock, records: [job(1, NOON)] });
    const user = fakeWorker({ paused: true, reason: 'user', until: null });
    direct.attach(user.worker);
    user.set({ paused: false, reason: null, until: null, since: null });
    expect(direct.remainingUsd()).toBe(0);
  });
});
