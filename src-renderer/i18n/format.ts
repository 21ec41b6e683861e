/** Numbers, times and durations in the user's language. Pure (Intl only). */
import type { Locale } from '../../shared/i18n/ui-messages.ts';

/** A stopwatch: 0:42, 12:05, 1:02:03. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = hours > 0 ? String(minutes).padStart(2, '0') : String(minutes);
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** "3 minutes ago", "in 2 hours", "3 分前". */
export function formatRelative(iso: string, now: number, locale: Locale): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const seconds = Math.round((then - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(seconds, 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86_400), 'day');
}

/** Time of day today, weekday and time within a week, else date and time. */
export function formatWhen(iso: string, now: number, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const time: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
  const sameDay = date.toDateString() === new Date(now).toDateString();
  const withinWeek = Math.abs(date.getTime() - now) < 6 * 86_400_000;
  const options = sameDay
    ? time
    : withinWeek
      ? { ...time, weekday: 'short' as const }
      : { ...time, month: 'short' as const, day: 'numeric' as const };
  return new Intl.DateTimeFormat(locale, options).format(date);
}

export function formatCount(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { notation: n >= 10_000 ? 'compact' : 'standard' }).format(n);
}

export function formatCost(usd: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: usd < 1 ? 3 : 2,
  }).format(usd);
}
