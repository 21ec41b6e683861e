/**
 * When a timed pause ends, in the user's local time. Pure; the tray menu and the UI both use it.
 */

export type PauseDuration = 'indefinite' | 'one-hour' | 'until-tomorrow';

export const pauseDurations: readonly PauseDuration[] = ['indefinite', 'one-hour', 'until-tomorrow'];

/** The hour "until tomorrow" means: the start of a working day. */
export const MORNING_HOUR = 9;

/** The next local 09:00 strictly after `now`: today's if it is still early, else tomorrow's. */
export function nextLocalMorning(now: Date, hour: number = MORNING_HOUR): Date {
  const candidate = new Date(now.getFullYear(), now.getMonth(), now.getDate(), hour, 0, 0, 0);
  if (candidate.getTime() > now.getTime()) return candidate;
  // A calendar day (not 24 h) keeps 09:00 across daylight-saving changes.
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, hour, 0, 0, 0);
}

/** The ISO `until` for the pause command; null pauses until resumed. */
export function pauseUntil(duration: PauseDuration, now: Date): string | null {
  switch (duration) {
    case 'indefinite':
      return null;
    case 'one-hour':
      return new Date(now.getTime() + 60 * 60 * 1000).toISOString();
    case 'until-tomorrow':
      return nextLocalMorning(now).toISOString();
  }
}
