import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../../shared/bridge.ts';
import { describeError } from '../../../src-renderer/common/errors.ts';
import { checkedGitHubUrl, issueUrl, serverUrlOf } from '../../../src-renderer/common/links.ts';
import { formatRoute, parseRoute } from '../../../src-renderer/common/route.ts';
import { formatCost, formatElapsed, formatRelative } from '../../../src-renderer/i18n/format.ts';
import { resolveLocale, translator } from '../../../src-renderer/i18n/i18n.ts';
import { leaseHealth } from '../../../src-renderer/job/lease-health.ts';
import { headline } from '../../../src-renderer/status/status-view.ts';
import { job, paused, snapshot } from '../electron/support.ts';

describe('links to GitHub', () => {
  const issue = { repository: 'octo/app', number: 12, title: 't' };

  it('builds an issue URL from the configured server', () => {
    expect(issueUrl('https://github.com', issue)).toBe('https://github.com/octo/app/issues/12');
    expect(issueUrl('https://ghe.example.com/', issue)).toBe('https://ghe.example.com/octo/app/issues/12');
  });

  it('builds nothing from a non-https server or an odd repository', () => {
    expect(issueUrl('http://github.com', issue)).toBeNull();
    expect(issueUrl('javascript:alert(1)//', issue)).toBeNull();
    expect(issueUrl('https://github.com', { ...issue, repository: '../evil' })).toBeNull();
    expect(issueUrl('https://github.com', { ...issue, repository: 'o/r/../x' })).toBeNull();
    expect(issueUrl('https://github.com', { ...issue, number: 0 })).toBeNull();
  });

  it('shows a reported PR URL only when it is a PR or issue on the server', () => {
    expect(checkedGitHubUrl('https://github.com/octo/app/pull/3', 'https://github.com')).toBe(
      'https://github.com/octo/app/pull/3',
    );
    for (const bad of [
      'javascript:alert(1)',
      'https://evil.example/octo/app/pull/3',
      'https://github.com.evil.example/octo/app/pull/3',
      'https://user@github.com/octo/app/pull/3',
      'https://github.com/octo/app/pull/3?x=1',
      'https://github.com/octo%2Fapp/pull/3',
      'https://github.com/octo/app/settings',
      'http://github.com/octo/app/pull/3',
      null,
    ]) {
      expect(checkedGitHubUrl(bad, 'https://github.com'), String(bad)).toBeNull();
    }
  });

  it('takes the server from the snapshot when the worker reports one', () => {
    expect(serverUrlOf(null)).toBe('https://github.com');
    expect(serverUrlOf({ ...snapshot(), githubServerUrl: 'https://ghe.example.com' } as never)).toBe(
      'https://ghe.example.com',
    );
    // A server the UI will not link to (http, or the sandbox's file:// demo repositories) means no
    // links at all — never links to github.com, which is not where this worker's issues are.
    for (const server of ['http://ghe.example.com', 'file:///tmp/codingworker-sandbox-x/remotes']) {
      const none = serverUrlOf({ ...snapshot(), githubServerUrl: server } as never);
      expect(none).toBe('');
      expect(issueUrl(none, { repository: 'sandbox/demo', number: 1, title: 't' })).toBeNull();
      expect(checkedGitHubUrl('https://github.com/sandbox/demo/pull/1', none)).toBeNull();
    }
  });
});

describe('routes', () => {
  it('reads the panel and a job from the fragment', () => {
    expect(parseRoute('')).toEqual({ tab: 'now', jobId: null });
    expect(parseRoute('#dlq')).toEqual({ tab: 'dlq', jobId: null });
    expect(parseRoute('#/settings')).toEqual({ tab: 'settings', jobId: null });
    expect(parseRoute('#job/job-42')).toEqual({ tab: 'history', jobId: 'job-42' });
    expect(parseRoute('#job/../../x')).toEqual({ tab: 'now', jobId: null });
    expect(parseRoute('#nonsense')).toEqual({ tab: 'now', jobId: null });
  });

  it('round-trips', () => {
    for (const hash of ['#now', '#dlq', '#history', '#settings', '#job/abc_1']) {
      expect(formatRoute(parseRoute(hash))).toBe(hash);
    }
  });
});

describe('errors as the UI words them', () => {
  it('tells a command this build lacks from a failure and from a lost connection', () => {
    expect(
      describeError(
        new BridgeError({ code: 'failed', message: 'listDlq failed: not available in this build' }),
      ).key,
    ).toBe('error.notAvailable');
    expect(
      describeError(new BridgeError({ code: 'unavailable', message: 'connection to the worker lost' })).key,
    ).toBe('error.disconnected');
    expect(describeError(new BridgeError({ code: 'unauthorized', message: 'x' })).key).toBe(
      'error.unauthorized',
    );
    expect(describeError(new Error('boom'))).toEqual({ key: 'error.failed', detail: 'boom' });
    expect(describeError('odd')).toEqual({ key: 'error.failed', detail: 'odd' });
  });
});

describe('formats', () => {
  it('shows elapsed time as a stopwatch', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(42_000)).toBe('0:42');
    expect(formatElapsed(725_000)).toBe('12:05');
    expect(formatElapsed(3_723_000)).toBe('1:02:03');
    expect(formatElapsed(-5)).toBe('0:00');
  });

  it('says how long ago, in the user’s language', () => {
    const now = Date.parse('2026-01-10T12:00:00Z');
    expect(formatRelative('2026-01-10T09:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(formatRelative('2026-01-10T09:00:00Z', now, 'ja')).toBe('3 時間前');
    expect(formatRelative('2026-01-09T12:00:00Z', now, 'en')).toBe('yesterday');
    expect(formatRelative('bad', now, 'en')).toBe('');
  });

  it('shows cost in dollars', () => {
    expect(formatCost(0.4234, 'en')).toBe('$0.423');
    expect(formatCost(12.5, 'en')).toBe('$12.50');
  });
});

describe('translator', () => {
  it('fills placeholders and picks plural forms', () => {
    const t = translator('en');
    expect(t('header.workingOn', { repository: 'octo/app', number: 7 })).toBe('Working on octo/app#7');
    expect(t('log.copied', { count: 1 })).toBe('Copied 1 line');
    expect(t('log.copied', { count: 12 })).toBe('Copied 12 lines');
    expect(t('header.paused', { finishing: 0 })).toBe('Paused');
    expect(t('header.paused', { finishing: 1 })).toBe('Paused — finishing the current job');
    expect(translator('ja')('log.copied', { count: 3 })).toBe('3 行をコピーしました');
  });

  it('follows the system languages unless the user chose', () => {
    expect(resolveLocale('system', ['ja-JP', 'en-US'])).toBe('ja');
    expect(resolveLocale('system', ['en-GB', 'ja'])).toBe('en');
    expect(resolveLocale('system', ['fr-FR', 'ja-JP'])).toBe('ja');
    expect(resolveLocale('system', ['fr-FR'])).toBe('en');
    expect(resolveLocale('ja', ['en-US'])).toBe('ja');
    expect(resolveLocale('en', ['ja-JP'])).toBe('en');
  });
});

describe('status headline', () => {
  it('says connecting until the first snapshot', () => {
    expect(headline(null, 'connecting').key).toBe('connection.connecting');
    expect(headline(snapshot(), 'disconnected')).toMatchObject({
      key: 'connection.disconnected',
      tone: 'problem',
    });
  });

  it('says listening, working, or why it is paused', () => {
    expect(headline(snapshot(), 'connected')).toMatchObject({ key: 'header.listening', tone: 'ok' });
    expect(headline(snapshot({ jobs: [job()] }), 'connected')).toMatchObject({
      key: 'header.workingOn',
      values: { repository: 'octo/app', number: 12 },
    });
    expect(headline(snapshot({ pause: paused('battery') }), 'connected').key).toBe('header.pausedBattery');
    expect(headline(snapshot({ pause: paused('suspend') }), 'connected').key).toBe('header.pausedSuspend');
    expect(headline(snapshot({ pause: paused('user', '2026-01-10T11:00:00Z') }), 'connected')).toMatchObject({
      key: 'header.pausedUntil',
      at: '2026-01-10T11:00:00Z',
    });
  });

  it('says the job it works on and that it pauses after it, like the tray', () => {
    const view = headline(snapshot({ pause: paused('user'), jobs: [job()] }), 'connected');
    expect(view).toMatchObject({
      key: 'header.workingOnPaused',
      values: { repository: 'octo/app', number: 12 },
    });
    expect(translator('en')(view.key, view.values)).toBe('Working on octo/app#12 — paused after this job');
    expect(translator('ja')(view.key, view.values)).toContain('octo/app#12');
    expect(
      headline(snapshot({ pause: paused('battery'), jobs: [job({ issue: null })] }), 'connected').key,
    ).toBe('header.workingPaused');
  });

  it('says why it is offline and when it retries', () => {
    const offline = snapshot({
      status: 'offline',
      lastError: { message: 'queue not found', code: 'queue-not-found', at: '' },
      retryAt: '2026-01-10T10:01:00Z',
    });
    expect(headline(offline, 'connected')).toMatchObject({
      key: 'header.offlineRetry',
      values: { reason: 'queue not found' },
      at: '2026-01-10T10:01:00Z',
      tone: 'problem',
    });
  });
});

describe('lease health', () => {
  const now = Date.parse('2026-01-10T10:00:00Z');
  const lease = { expiresAt: '2026-01-10T10:04:00Z', nextHeartbeatAt: '2026-01-10T10:00:30Z', healthy: true };

  it('is ok with a heartbeat ahead', () => {
    expect(leaseHealth(lease, now)).toEqual({ state: 'ok', nextHeartbeatIn: 30_000, expiresIn: 240_000 });
  });

  it('is late when a heartbeat is overdue', () => {
    expect(leaseHealth({ ...lease, nextHeartbeatAt: '2026-01-10T09:59:40Z' }, now).state).toBe('late');
  });

  it('is lost when a heartbeat failed or the lease ran out', () => {
    expect(leaseHealth({ ...lease, healthy: false }, now).state).toBe('lost');
    expect(leaseHealth({ ...lease, expiresAt: '2026-01-10T09:59:59Z' }, now).state).toBe('lost');
    expect(leaseHealth({ ...lease, expiresAt: 'garbage' }, now).state).toBe('lost');
  });
});
