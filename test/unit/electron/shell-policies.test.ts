import { describe, expect, it, vi } from 'vitest';
import type { CommandHandlers } from '../../../shared/bridge.ts';
import { defaultSettings } from '../../../shared/settings.ts';
import type { Notice } from '../../../shared/notice.ts';
import { noticeClickAction } from '../../../src-main/electron/notice-action.ts';
import { isPermissionAllowed } from '../../../src-main/electron/permissions.ts';
import { secretStorageVerdict } from '../../../src-main/electron/secret-policy.ts';
import { withShellHandlers } from '../../../src-main/electron/shell-handlers.ts';
import { shellTranslator } from '../../../shared/i18n/shell-messages.ts';
import { noticeTitle } from '../../../src-main/electron/notice-text.ts';

const policy = { serverUrl: 'https://github.com', repositories: ['octo/app'] };
const notice = (change: Partial<Notice>): Notice => ({
  kind: 'pr-opened',
  subject: 'octo/app#12',
  title: 'Pull request opened',
  body: 'octo/app#12',
  url: 'https://github.com/octo/app/pull/13',
  jobId: 'job-1',
  ...change,
});

describe('notification clicks', () => {
  it('open the pull request when its URL passes the allow-check', () => {
    expect(noticeClickAction(notice({}), policy)).toEqual({
      kind: 'open-url',
      url: 'https://github.com/octo/app/pull/13',
    });
  });

  it('open the app on the job instead of a URL that fails the check', () => {
    expect(noticeClickAction(notice({ url: 'https://evil.example/octo/app/pull/13' }), policy)).toEqual({
      kind: 'show-app',
      route: 'job/job-1',
    });
  });

  it('open the app on a failed job, and on the DLQ for a new DLQ item', () => {
    expect(noticeClickAction(notice({ kind: 'job-failed', url: null }), policy)).toEqual({
      kind: 'show-app',
      route: 'job/job-1',
    });
    expect(noticeClickAction(notice({ kind: 'dlq-item', url: null, jobId: null }), policy)).toEqual({
      kind: 'show-app',
      route: 'dlq',
    });
  });

  it('never put an odd job id into the route', () => {
    expect(noticeClickAction(notice({ kind: 'job-failed', jobId: '../../x?y' }), policy)).toEqual({
      kind: 'show-app',
      route: 'history',
    });
  });
});

describe('web permissions', () => {
  it('allow clipboard writes only', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write')).toBe(true);
    for (const p of [
      'clipboard-read',
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'fullscreen',
      'hid',
    ]) {
      expect(isPermissionAllowed(p)).toBe(false);
    }
  });
});

describe('secret storage verdict', () => {
  it('refuses Linux basic_text, which is not real encryption', () => {
    expect(
      secretStorageVerdict({ platform: 'linux', backend: 'basic_text', encryptionAvailable: true }),
    ).toEqual({
      ok: false,
      reason: 'basic-text',
    });
  });

  it('refuses when encryption is unavailable, or asked before the keyring was picked', () => {
    expect(secretStorageVerdict({ platform: 'darwin', backend: null, encryptionAvailable: false })).toEqual({
      ok: false,
      reason: 'unavailable',
    });
    expect(
      secretStorageVerdict({ platform: 'linux', backend: 'unknown', encryptionAvailable: true }),
    ).toEqual({
      ok: false,
      reason: 'unavailable',
    });
  });

  it('accepts the macOS Keychain, Windows DPAPI and Linux keyrings', () => {
    expect(secretStorageVerdict({ platform: 'darwin', backend: null, encryptionAvailable: true }).ok).toBe(
      true,
    );
    expect(secretStorageVerdict({ platform: 'win32', backend: null, encryptionAvailable: true }).ok).toBe(
      true,
    );
    expect(
      secretStorageVerdict({ platform: 'linux', backend: 'gnome_libsecret', encryptionAvailable: true }).ok,
    ).toBe(true);
    expect(
      secretStorageVerdict({ platform: 'linux', backend: 'kwallet6', encryptionAvailable: true }).ok,
    ).toBe(true);
  });
});

describe('shell bridge handlers', () => {
  const base = {
    openExternal: vi.fn(async () => ({ opened: true })),
    updateSettings: vi.fn(async () => ({ ok: true as const, settings: defaultSettings })),
    getSnapshot: vi.fn(),
  } as unknown as CommandHandlers;

  it('opens only URLs that pass the allow-check, and never through the worker', async () => {
    const open = vi.fn(async () => {});
    const handlers = withShellHandlers(base, { linkPolicy: () => policy, open, onSettingsSaved: () => {} });
    expect(await handlers.openExternal({ url: 'https://github.com/octo/app/pull/1' })).toEqual({
      opened: true,
    });
    expect(await handlers.openExternal({ url: 'https://github.com.evil.example/octo/app/pull/1' })).toEqual({
      opened: false,
    });
    expect(open).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith('https://github.com/octo/app/pull/1');
    expect(base.openExternal).not.toHaveBeenCalled();
  });

  it('applies saved settings in the shell after the worker accepted them', async () => {
    const saved = vi.fn();
    const handlers = withShellHandlers(base, {
      linkPolicy: () => policy,
      open: async () => {},
      onSettingsSaved: saved,
    });
    await handlers.updateSettings({ settings: { launchAtLogin: true } });
    expect(saved).toHaveBeenCalledWith(defaultSettings);
    expect(handlers.getSnapshot).toBe(base.getSnapshot);
  });

  it('does not apply settings the worker rejected', async () => {
    const saved = vi.fn();
    const rejecting = {
      ...base,
      updateSettings: async () => ({
        ok: false as const,
        problems: [{ field: 'queueUrl', problem: 'invalid-queue-url' }],
      }),
    };
    const handlers = withShellHandlers(rejecting, {
      linkPolicy: () => policy,
      open: async () => {},
      onSettingsSaved: saved,
    });
    await handlers.updateSettings({ settings: { queueUrl: 'x' } });
    expect(saved).not.toHaveBeenCalled();
  });
});

describe('notification titles', () => {
  const en = shellTranslator('en');
  const ja = shellTranslator('ja');

  it('word each kind in the user language, naming the issue', () => {
    expect(noticeTitle(notice({}), en)).toBe('Pull request opened for octo/app#12');
    expect(noticeTitle(notice({}), ja)).toBe('octo/app#12 のプルリクエストを作成しました');
    expect(noticeTitle(notice({ kind: 'job-failed' }), ja)).toBe('ジョブが失敗しました: octo/app#12');
    expect(noticeTitle(notice({ kind: 'job-failed', subject: null }), en)).toBe(
      'A task failed and was quarantined',
    );
    expect(noticeTitle(notice({ kind: 'dlq-item', subject: null }), en)).toBe(
      'A task moved to the dead-letter queue',
    );
  });

  it('say which round went to which pull request', () => {
    const round = notice({ kind: 'round-pushed', review: { pullNumber: 12, round: 2 } });
    expect(noticeTitle(round, en)).toBe('Pushed round 2 to PR #12');
    expect(noticeTitle(round, ja)).toBe('ラウンド 2 を PR #12 にプッシュしました');
    expect(noticeClickAction(round, policy)).toEqual({
      kind: 'open-url',
      url: 'https://github.com/octo/app/pull/13',
    });
  });
});
