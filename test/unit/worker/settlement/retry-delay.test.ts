import { describe, expect, it } from 'vitest';
import {
  longestRetryDelaySeconds,
  retryDelaySeconds,
} from '../../../../src-main/engine/worker/settlement/retry-delay.ts';

describe('retry backoff schedule', () => {
  const schedule = [60, 300, 900];

  it('picks the delay by receive count and repeats the last one', () => {
    expect([1, 2, 3, 4, 10].map((n) => retryDelaySeconds(n, schedule))).toEqual([60, 300, 900, 900, 900]);
  });

  it('treats a missing or odd receive count as the first delivery', () => {
    expect(retryDelaySeconds(0, schedule)).toBe(60);
    expect(retryDelaySeconds(-3, schedule)).toBe(60);
    expect(retryDelaySeconds(2.7, schedule)).toBe(300);
  });

  it('gives 0 for an empty schedule and finds the longest delay', () => {
    expect(retryDelaySeconds(1, [])).toBe(0);
    expect(longestRetryDelaySeconds([300, 60, 900, 120])).toBe(900);
    expect(longestRetryDelaySeconds([])).toBe(0);
  });
});
