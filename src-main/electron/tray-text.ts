/** The tray's status line and tooltip, from the snapshot. Pure. */
import { parseConfinementView, type WorkerSnapshot } from '../../shared/snapshot.ts';
import { plainLabel } from '../../shared/untrusted-text.ts';
import type { ShellTranslate } from '../../shared/i18n/shell-messages.ts';
import type { Locale as ShellLocale } from '../../shared/i18n/translate.ts';

export function trayStatusLine(
  snapshot: WorkerSnapshot | null,
  t: ShellTranslate,
  locale: ShellLocale,
  now: Date,
): string {
  if (snapshot === null) return t('status.notConnected');
  const job = snapshot.jobs[0];
  if (job) {
    return job.issue
      ? t('status.workingOn', { repository: job.issue.repository, number: job.issue.number })
      : t('status.working');
  }
  const { pause } = snapshot;
  if (pause.paused) {
    if (pause.reason === 'battery') return t('status.pausedBattery');
    if (pause.reason === 'suspend') return t('status.pausedSuspend');
    if (pause.reason === 'sandbox-required') {
      const view = parseConfinementView(snapshot.confinement);
      const reason = view?.kind === 'refused' ? view.reason : 'no usable sandbox was found';
      return t('status.sandboxRequired', { reason: truncate(plainLabel(reason), 80) });
    }
    if (pause.reason === 'daily-limit') {
      const limit = snapshot.spend?.perDayUsd;
      return t('status.pausedDailyLimit', { amount: limit == null ? '' : `$${limit.toFixed(2)}` });
    }
    return pause.until
      ? t('status.pausedUntil', { time: formatUntil(pause.until, locale, now) })
      : t('status.paused');
  }
  if (snapshot.status === 'offline') {
    return t('status.offline', { message: truncate(plainLabel(snapshot.lastError?.message ?? ''), 80) });
  }
  if (snapshot.status === 'stopping' || snapshot.status === 'stopped') return t('status.stopping');
  return t('status.listening');
}

export function trayTooltip(
  snapshot: WorkerSnapshot | null,
  t: ShellTranslate,
  locale: ShellLocale,
  now: Date,
): string {
  const visible = snapshot?.stats.queue?.visible;
  const queue = visible === undefined ? t('tooltip.queueUnknown') : t('tooltip.queue', { count: visible });
  const issue = snapshot?.jobs[0]?.issue;
  const lines = [`${t('app.name')} — ${trayStatusLine(snapshot, t, locale, now)}`];
  const agent = trayConfinement(snapshot, t);
  if (agent) lines.push(agent);
  lines.push(queue);
  if (issue) lines.push(truncate(`#${issue.number} ${issue.title}`, 100));
  // macOS shows at most a few lines and Windows caps tooltips at 127 characters.
  return truncate(lines.join('\n'), 127);
}

/**
 * How the agent runs here, for the tooltip: "Agent: confined by bubblewrap" or "Agent: unconfined
 * (why)"; null until the app knows, and when the status line already says the worker is held.
 */
export function trayConfinement(snapshot: WorkerSnapshot | null, t: ShellTranslate): string | null {
  const view = parseConfinementView(snapshot?.confinement);
  if (!view || view.kind === 'refused') return null;
  if (view.kind === 'confined')
    return t('tooltip.confined', { by: view.by === 'seatbelt' ? 'Seatbelt' : 'bubblewrap' });
  return t('tooltip.unconfined', { reason: truncate(plainLabel(view.reason), 60) });
}

/** "10:30" today, "Tue 09:00" within a week, else the date and time. */
export function formatUntil(iso: string, locale: ShellLocale, now: Date): string {
  const until = new Date(iso);
  if (Number.isNaN(until.getTime())) return iso;
  const time: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
  const sameDay = until.toDateString() === now.toDateString();
  const withinWeek = until.getTime() - now.getTime() < 6 * 24 * 3600 * 1000;
  const options: Intl.DateTimeFormatOptions = sameDay
    ? time
    : withinWeek
      ? { ...time, weekday: 'short' }
      : { ...time, month: 'short', day: 'numeric' };
  return new Intl.DateTimeFormat(locale, options).format(until);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
