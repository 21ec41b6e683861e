import { describe, expect, it } from 'vitest';
import { someJobEnded } from '../../../src-renderer/history/job-ended.ts';

describe('refreshing the history when a job ends', () => {
  it('sees a job leave the snapshot', () => {
    expect(someJobEnded(['a'], [])).toBe(true);
    expect(someJobEnded(['a', 'b'], ['b', 'c'])).toBe(true);
  });

  it('does not refresh for a job that starts or keeps running', () => {
    expect(someJobEnded([], ['a'])).toBe(false);
    expect(someJobEnded(['a'], ['a', 'b'])).toBe(false);
    expect(someJobEnded([], [])).toBe(false);
  });
});
