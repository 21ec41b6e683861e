// When timed pauses end; the tray menu and the UI share these rules.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as rules from '../../../shared/pause-until.ts';

let savedTz: string | undefined;
beforeEach(() => {
  savedTz = process.env.TZ;
});
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('pause until tomorrow', () => {
  it('is 09:00 tomorrow in the afternoon', () => {
    process.env.TZ = 'Asia/Tokyo';
    // 15:30 in Tokyo (+09:00).
    expect(rules.nextLocalMorning(new Date('2026-03-10T06:30:00Z')).toISOString()).toBe(
      '2026-03-11T00:00:00.000Z',
    );
  });

  it('is 09:00 today in the small hours', () => {
    process.env.TZ = 'Asia/Tokyo';
    // 02:00 in Tokyo.
    expect(rules.nextLocalMorning(new Date('2026-03-09T17:00:00Z')).toISOString()).toBe(
      '2026-03-10T00:00:00.000Z',
    );
  });

  it('is tomorrow at exactly 09:00', () => {
    process.env.TZ = 'Europe/Berlin';
    expect(rules.nextLocalMorning(new Date('2026-01-15T08:00:00Z')).toISOString()).toBe(
      '2026-01-16T08:00:00.000Z',
    );
  });

  it('stays at 09:00 local across the spring daylight-saving change', () => {
    process.env.TZ = 'America/New_York';
    // Sat 7 Mar 2026 20:00 EST; clocks go forward on Sun 8 Mar: 09:00 EDT = 13:00Z.
    expect(rules.nextLocalMorning(new Date('2026-03-08T01:00:00Z')).toISOString()).toBe(
      '2026-03-08T13:00:00.000Z',
    );
  });

  it('stays at 09:00 local across the autumn change', () => {
    process.env.TZ = 'Europe/London';
    // Sat 24 Oct 2026 22:00 BST; clocks go back on Sun 25 Oct: 09:00 GMT = 09:00Z.
    expect(rules.nextLocalMorning(new Date('2026-10-24T21:00:00Z')).toISOString()).toBe(
      '2026-10-25T09:00:00.000Z',
    );
  });

  it('crosses month and year ends', () => {
    process.env.TZ = 'UTC';
    expect(rules.nextLocalMorning(new Date('2026-12-31T18:00:00Z')).toISOString()).toBe(
      '2027-01-01T09:00:00.000Z',
    );
  });

  it('gives the pause command its until: none, in one hour, or tomorrow morning', () => {
    process.env.TZ = 'UTC';
    const now = new Date('2026-05-05T12:00:00Z');
    expect(rules.pauseUntil('indefinite', now)).toBeNull();
    expect(rules.pauseUntil('one-hour', now)).toBe('2026-05-05T13:00:00.000Z');
    expect(rules.pauseUntil('until-tomorrow', now)).toBe('2026-05-06T09:00:00.000Z');
  });
});
