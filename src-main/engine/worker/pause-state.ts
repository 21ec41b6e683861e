/**
 * The pause state: what is persisted under the store key 'pause', how it is restored (an expired
 * timed pause restores as not paused), and when a timed pause ends. Pure.
 */
import { notPaused, type PauseReason, type PauseState } from '../../../shared/snapshot.ts';

export const PAUSE_STORE_KEY = 'pause';

const REASONS: readonly PauseReason[] = ['user', 'battery', 'suspend', 'daily-limit', 'sandbox-required'];

/** A pause starting now, or an updated one keeping the original `since`. */
export function pausedState(
  current: PauseState,
  options: { readonly reason: PauseReason; readonly until: string | null; readonly now: number },
): PauseState {
  return {
    paused: true,
    reason: options.reason,
    until: options.until,
    since: current.paused && current.since ? current.since : new Date(options.now).toISOString(),
  };
}

/** Restores a stored value: anything unreadable or a timed pause already over means not paused. */
export function restorePauseState(stored: unknown, now: number): PauseState {
  if (typeof stored !== 'object' || stored === null) return notPaused;
  const value = stored as Record<string, unknown>;
  if (value.paused !== true) return notPaused;
  const reason = REASONS.includes(value.reason as PauseReason) ? (value.reason as PauseReason) : 'user';
  const until =
    typeof value.until === 'string' && !Number.isNaN(Date.parse(value.until)) ? value.until : null;
  const since =
    typeof value.since === 'string' && !Number.isNaN(Date.parse(value.since)) ? value.since : null;
  const restored: PauseState = { paused: true, reason, until, since };
  return pauseExpired(restored, now) ? notPaused : restored;
}

export function pauseExpired(pause: PauseState, now: number): boolean {
  return pause.paused && pause.until !== null && Date.parse(pause.until) <= now;
}

/** Milliseconds until a timed pause ends; null for an open-ended pause or none. */
export function pauseRemainingMs(pause: PauseState, now: number): number | null {
  if (!pause.paused || pause.until === null) return null;
  return Math.max(0, Date.parse(pause.until) - now);
}

/** Validates a pause's `until`: an ISO date-time, or null. */
export function parsePauseUntil(until: string | null): string | null {
  if (until === null) return null;
  const ms = Date.parse(until);
  if (Number.isNaN(ms))
    throw new RangeError(`pause until must be an ISO date-time, got ${JSON.stringify(until)}`);
  return new Date(ms).toISOString();
}
