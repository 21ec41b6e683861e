import { describe, expect, it } from 'vitest';
import { shellEn, shellJa, shellTranslator } from '../../../shared/i18n/shell-messages.ts';
import { resolveLocale as shellLocale } from '../../../shared/i18n/translate.ts';
import { trayMenuModel } from '../../../src-main/electron/tray-menu.ts';
import { formatUntil, trayStatusLine, trayTooltip } from '../../../src-main/electron/tray-text.ts';
import { job, paused, snapshot } from './support.ts';

const t = shellTranslator('en');
const now = new Date('2026-01-10T10:00:00Z');

describe('tray status line and tooltip', () => {
  it('says what the worker is doing', () => {
    expect(trayStatusLine(null, t, 'en', now)).toBe('Starting…');
    expect(trayStatusLine(snapshot(), t, 'en', now)).toBe('Listening for tasks');
    expect(trayStatusLine(snapshot({ jobs: [job()] }), t, 'en', now)).toBe('Working on octo/app#12');
    expect(trayStatusLine(snapshot({ jobs: [job({ issue: null })] }), t, 'en', now)).toBe('Working');
  });

  it('says why it is paused', () => {
    expect(trayStatusLine(snapshot({ pause: paused('battery') }), t, 'en', now)).toBe('Paused: on battery');
    expect(trayStatusLine(snapshot({ pause: paused('suspend') }), t, 'en', now)).toBe('Paused: asleep');
    expect(trayStatusLine(snapshot({ pause: paused('user') }), t, 'en', now)).toBe('Paused');
    expect(trayStatusLine(snapshot({ pause: paused('user', '2026-01-10T11:00:00Z') }), t, 'en', now)).toMatch(
      /^Paused until \d\d:00( AM| PM)?$/,
    );
  });

  it('says why it is offline', () => {
    const offline = snapshot({
      status: 'offline',
      lastError: {
        message: 'The security token included in the request is expired',
        code: 'credentials',
        at: '',
      },
    });
    expect(trayStatusLine(offline, t, 'en', now)).toBe(
      'Offline: The security token included in the request is expired',
    );
  });

  it('shows the queue depth as approximate and the current issue', () => {
    const working = snapshot({
      jobs: [job()],
      stats: { queue: { visible: 3, inFlight: 1, delayed: 0 }, dlq: null, updatedAt: null },
    });
    expect(trayTooltip(working, t, 'en', now)).toBe(
      'CodingWorker — Working on octo/app#12\nQueue: ≈3 waiting\n#12 Fix the flaky login test',
    );
    expect(trayTooltip(snapshot(), t, 'en', now)).toBe('CodingWorker — Listening for tasks\nQueue: unknown');
  });

  it('keeps the tooltip within Windows’ 127 characters', () => {
    const long = snapshot({
      jobs: [job({ issue: { repository: 'o/r', number: 1, title: 'x'.repeat(300) } })],
    });
    expect(trayTooltip(long, t, 'en', now).length).toBeLessThanOrEqual(127);
  });

  it('formats the end of a timed pause by distance', () => {
    const local = new Date(2026, 0, 10, 8, 0);
    expect(formatUntil(new Date(2026, 0, 10, 17, 30).toISOString(), 'en', local)).toMatch(
      /^(05:30 PM|17:30)$/,
    );
    expect(formatUntil(new Date(2026, 0, 11, 9, 0).toISOString(), 'en', local)).toMatch(/^Sun/);
    expect(formatUntil(new Date(2026, 1, 20, 9, 0).toISOString(), 'en', local)).toMatch(/Feb 20/);
    expect(formatUntil('garbage', 'en', local)).toBe('garbage');
  });

  it('speaks Japanese', () => {
    const ja = shellTranslator('ja');
    expect(trayStatusLine(snapshot({ pause: paused('battery') }), ja, 'ja', now)).toBe(
      '一時停止中: バッテリー駆動',
    );
  });
});

describe('tray menu', () => {
  const labels = (items: ReturnType<typeof trayMenuModel>) =>
    items.map((item) =>
      item.kind === 'separator' ? '-' : item.kind === 'status' ? `[${item.label}]` : item.label,
    );

  it('offers timed pauses while running and resume while paused', () => {
    expect(labels(trayMenuModel(snapshot(), t, 'Listening'))).toEqual([
      '[Listening]',
      '-',
      'Pause for 1 Hour',
      'Pause Until Tomorrow 9:00',
      'Stop Current Job',
      '-',
      'Open CodingWorker',
      'Quit CodingWorker',
    ]);
    expect(labels(trayMenuModel(snapshot({ pause: paused('user') }), t, 'Paused'))).toContain('Resume');
    expect(labels(trayMenuModel(snapshot({ pause: paused('user') }), t, 'Paused'))).not.toContain(
      'Pause for 1 Hour',
    );
  });

  it('enables Stop Current Job only while a job runs', () => {
    const stop = (s: ReturnType<typeof snapshot>) =>
      trayMenuModel(s, t, '').find((item) => item.kind === 'action' && item.action === 'stop-job');
    expect(stop(snapshot())).toMatchObject({ enabled: false });
    expect(stop(snapshot({ jobs: [job()] }))).toMatchObject({ enabled: true });
  });

  it('disables pause until connected, but always offers Open and Quit', () => {
    const items = trayMenuModel(null, t, '');
    expect(items.find((i) => i.kind === 'action' && i.action === 'pause-one-hour')).toMatchObject({
      enabled: false,
    });
    expect(items.find((i) => i.kind === 'action' && i.action === 'quit')).toMatchObject({ enabled: true });
    expect(items.find((i) => i.kind === 'action' && i.action === 'open')).toMatchObject({ enabled: true });
  });
});

describe('shell messages', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('has every English key in Japanese, with the same placeholders', () => {
    expect(Object.keys(shellJa).sort()).toEqual(Object.keys(shellEn).sort());
    for (const key of Object.keys(shellEn) as (keyof typeof shellEn)[]) {
      expect(placeholders(shellJa[key]), key).toEqual(placeholders(shellEn[key]));
      expect(shellJa[key].trim(), key).not.toBe('');
    }
  });

  it('follows the setting, else the system language', () => {
    expect(shellLocale('ja', ['en-US'])).toBe('ja');
    expect(shellLocale('en', ['ja-JP'])).toBe('en');
    expect(shellLocale('system', ['ja-JP', 'en-US'])).toBe('ja');
    expect(shellLocale('system', ['de-DE'])).toBe('en');
    expect(shellLocale('system', [])).toBe('en');
  });
});
