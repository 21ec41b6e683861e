import { describe, expect, it } from 'vitest';
import { notPaused } from '../../../shared/snapshot.ts';
import {
  parsePauseUntil,
  pausedState,
  pauseExpired,
  pauseRemainingMs,
  restorePauseState,
} from '../../../src-main/engine/worker/pause-state.ts';

const now = Date.parse('2026-11-20T09:00:00Z');

describe('pause state', () => {
  it('restores an open-ended pause as it was stored', () => {
    const stored = { paused: true, reason: 'user', until: null, since: '2026-11-19T08:00:00.000Z' };
    expect(restorePauseState(stored, now)).toEqual(stored);
  });

  it('restores a timed pause that has not ended yet', () => {
    const stored = {
      paused: true,
      reason: 'battery',
      until: '2026-11-20T10:00:00.000Z',
      since: '2026-11-20T08:00:00.000Z',
    };
    expect(restorePauseState(stored, now)).toEqual(stored);
  });

  it('restores an expired timed pause as not paused', () => {
    const stored = {
      paused: true,
      reason: 'user',
      until: '2026-11-20T08:59:59.000Z',
      since: '2026-11-20T08:00:00.000Z',
    };
    expect(restorePauseState(stored, now)).toEqual(notPaused);
  });

  it('restores nothing, garbage and "not paused" as not paused', () => {
    for (const value of [
      undefined,
      null,
      'paused',
      42,
      [],
      { paused: 'yes' },
      { paused: false, reason: 'user' },
    ]) {
      expect(restorePauseState(value, now)).toEqual(notPaused);
    }
  });

  it('repairs unknown reasons and unreadable dates instead of failing', () => {
    expect(restorePauseState({ paused: true, reason: 'aliens', until: 'soon', since: 7 }, now)).toEqual({
      paused: true,
      reason: 'user',
      until: null,
      since: null,
    });
  });

  it('keeps the original "since" when an existing pause is changed', () => {
    const first = pausedState(notPaused, { reason: 'user', until: null, now });
    expect(first.since).toBe('2026-11-20T09:00:00.000Z');
    const second = pausedState(first, {
      reason: 'battery',
      until: '2026-11-20T12:00:00.000Z',
      now: now + 60_000,
    });
    expect(second).toEqual({
      paused: true,
      reason: 'battery',
      until: '2026-11-20T12:00:00.000Z',
      since: first.since,
    });
  });

  it('knows how long a timed pause has left and when it is over', () => {
    const pause = pausedState(notPaused, { reason: 'user', until: '2026-11-20T10:00:00.000Z', now });
    expect(pauseRemainingMs(pause, now)).toBe(3_600_000);
    expect(pauseRemainingMs(pause, now + 4_000_000)).toBe(0);
    expect(pauseExpired(pause, now)).toBe(false);
    expect(pauseExpired(pause, now + 3_600_000)).toBe(true);
    expect(pauseRemainingMs(pausedState(notPaused, { reason: 'user', until: null, now }), now)).toBeNull();
    expect(pauseRemainingMs(notPaused, now)).toBeNull();
  });

  it('normalises "until" to UTC ISO and rejects text that is not a date', () => {
    expect(parsePauseUntil('2026-11-21T08:00:00+02:00')).toBe('2026-11-21T06:00:00.000Z');
    expect(parsePauseUntil(null)).toBeNull();
    expect(() => parsePauseUntil('tomorrow')).toThrow(RangeError);
  });
});
