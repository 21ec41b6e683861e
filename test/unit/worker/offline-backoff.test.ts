import { describe, expect, it } from 'vitest';
import { offlineBackoffMs } from '../../../src-main/engine/worker/offline-backoff.ts';

describe('offline backoff with jitter', () => {
  const options = { baseMs: 1000, maxMs: 60_000 };

  it('doubles per failed attempt up to the cap (upper bound, random → 1)', () => {
    const almostOne = () => 0.999_999;
    expect(
      [1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => Math.round(offlineBackoffMs(n, options, almostOne) / 1000)),
    ).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('never waits less than half the delay (random → 0)', () => {
    expect([1, 2, 3, 7, 50].map((n) => offlineBackoffMs(n, options, () => 0))).toEqual([
      500, 1000, 2000, 30_000, 30_000,
    ]);
  });

  it('keeps every jittered delay within [delay/2, delay]', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    for (let attempt = 1; attempt <= 12; attempt++) {
      const delay = Math.min(60_000, 1000 * 2 ** (attempt - 1));
      for (let i = 0; i < 200; i++) {
        const ms = offlineBackoffMs(attempt, options, random);
        expect(ms).toBeGreaterThanOrEqual(delay / 2);
        expect(ms).toBeLessThanOrEqual(delay);
      }
    }
  });

  it('clamps a random source that strays outside [0, 1)', () => {
    expect(offlineBackoffMs(1, options, () => -5)).toBe(500);
    expect(offlineBackoffMs(1, options, () => 7)).toBeLessThanOrEqual(1000);
  });

  it('does not overflow for huge attempt numbers', () => {
    expect(offlineBackoffMs(10_000, options, () => 0.5)).toBe(45_000);
  });
});
