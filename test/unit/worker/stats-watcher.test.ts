import { describe, expect, it } from 'vitest';
import { StatsWatcher } from '../../../src-main/engine/worker/stats-watcher.ts';
import { FakeClock } from '../../support/fake-clock.ts';

function setup(refresh: (signal: AbortSignal) => Promise<void> = async () => {}) {
  const clock = new FakeClock();
  let calls = 0;
  const watcher = new StatsWatcher({
    clock,
    intervalMs: 30_000,
    timeoutMs: 10_000,
    refresh: async (signal) => {
      calls++;
      await refresh(signal);
    },
  });
  return { clock, watcher, calls: () => calls };
}

describe('stats watcher', () => {
  it('makes no call while nobody watches', async () => {
    const { clock, calls } = setup();
    await clock.advance(3_600_000);
    expect(calls()).toBe(0);
  });

  it('fetches at once when the first UI watches, then on the interval, and stops with the last one', async () => {
    const { clock, watcher, calls } = setup();
    watcher.watch(true);
    await clock.advance(0);
    expect(calls()).toBe(1);
    watcher.watch(true);
    await clock.advance(90_000);
    expect(calls()).toBe(4);
    watcher.watch(false);
    await clock.advance(30_000);
    expect(calls()).toBe(5);
    watcher.watch(false);
    await clock.advance(600_000);
    expect(calls()).toBe(5);
    expect(clock.pending).toBe(0);
  });

  it('keeps polling after a failed refresh', async () => {
    const { clock, watcher, calls } = setup(async () => {
      throw new Error('offline');
    });
    watcher.watch(true);
    await clock.advance(60_000);
    expect(calls()).toBe(3);
    watcher.stop();
    await clock.advance(60_000);
    expect(calls()).toBe(3);
  });

  it('ignores more unwatches than watches', async () => {
    const { clock, watcher, calls } = setup();
    watcher.watch(false);
    watcher.watch(true);
    await clock.advance(0);
    expect(calls()).toBe(1);
    expect(watcher.watching).toBe(true);
  });

  it('gives up on a refresh that never answers (aborting it) and keeps polling', async () => {
    const signals: AbortSignal[] = [];
    const { clock, watcher, calls } = setup((signal) => {
      signals.push(signal);
      return signals.length === 1 ? new Promise<void>(() => {}) : Promise.resolve();
    });
    watcher.watch(true);
    await clock.advance(9_999);
    expect(calls()).toBe(1);
    expect(signals[0]!.aborted).toBe(false);
    await clock.advance(1);
    expect(signals[0]!.aborted).toBe(true);
    await clock.advance(30_000);
    expect(calls()).toBe(2);
    await clock.advance(30_000);
    expect(calls()).toBe(3);
    watcher.stop();
  });
});
