import { describe, expect, it } from 'vitest';
import { defaultSettings, SETTINGS_VERSION, validateSettings } from '../../../shared/settings.ts';
import {
  migrateSettings,
  obsoleteKeys,
  SETTINGS_KEY,
} from '../../../src-main/electron/settings-migration.ts';
import {
  SETTINGS_KEY as ENGINE_SETTINGS_KEY,
  storedSettings,
} from '../../../src-main/engine/app/settings-service.ts';

const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/codingworker-tasks';

describe('settings migration', () => {
  it('starts from the defaults when there is no store yet', () => {
    const result = migrateSettings({});
    expect(result.settings).toEqual(defaultSettings);
    expect(result.version).toBe(SETTINGS_VERSION);
    expect(result.writeBack).toBe(true);
    expect(result.githubToken).toBeNull();
  });

  it('moves version 0 flat keys under their version 1 names', () => {
    const result = migrateSettings({
      queueUrl,
      repos: 'octo/app, octo/docs  octo/site',
      language: 'auto',
      lease: '600',
      awsRegion: 'eu-west-1',
      awsProfile: 'work-sso',
      concurrency: 2,
      pause: { paused: false },
    });
    expect(result.settings).toEqual({
      ...defaultSettings,
      queueUrl,
      repositories: ['octo/app', 'octo/docs', 'octo/site'],
      locale: 'system',
      leaseSeconds: 600,
      region: 'eu-west-1',
      profile: 'work-sso',
      concurrency: 2,
    });
    expect(validateSettings(result.settings).ok).toBe(true);
    expect(result.notes).toContain('renamed repos to repositories');
  });

  it('takes the clear-text GitHub token out of the settings, to be moved to the secret store', () => {
    const result = migrateSettings({ queueUrl, githubToken: ' ghp_abcdefghijklmnopqrstuvwxyz0123456789 ' });
    expect(result.githubToken).toBe('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
    expect(JSON.stringify(result.settings)).not.toContain('ghp_');
    expect(result.notes.join('\n')).not.toContain('ghp_');
    expect(obsoleteKeys({ queueUrl, githubToken: 'x' })).toEqual(['queueUrl', 'githubToken']);
  });

  it('drops AWS keys wherever they were left, and never returns them', () => {
    const result = migrateSettings({
      settingsVersion: 1,
      settings: { ...defaultSettings, awsAccessKeyId: 'AKIAEXAMPLE', awsSecretAccessKey: 'secret' },
      awsSessionToken: 'session',
    });
    const text = JSON.stringify(result);
    expect(text).not.toContain('AKIAEXAMPLE');
    expect(text).not.toMatch(/"secret"|session"/);
    expect(result.notes).toEqual(
      expect.arrayContaining([
        'removed awsAccessKeyId from the settings file',
        'removed awsSecretAccessKey from the settings file',
        'removed awsSessionToken from the settings file',
      ]),
    );
  });

  it('keeps valid version 1 settings as they are', () => {
    const settings = { ...defaultSettings, queueUrl, repositories: ['octo/app'], locale: 'ja' as const };
    const result = migrateSettings({ settingsVersion: 1, settings, pause: { paused: true } });
    expect(result.settings).toEqual(settings);
    expect(result.notes).toEqual([]);
  });

  it('resets only the invalid fields to their defaults, and says which', () => {
    const result = migrateSettings({
      settingsVersion: 1,
      settings: { ...defaultSettings, queueUrl: 'not a queue', concurrency: 99, model: 'gpt-5' },
    });
    expect(result.settings.queueUrl).toBe('');
    expect(result.settings.concurrency).toBe(1);
    expect(result.settings.model).toBe('gpt-5');
    expect(result.notes).toEqual([
      'reset queueUrl to its default (the stored value was invalid)',
      'reset concurrency to its default (the stored value was invalid)',
    ]);
  });

  it('reads a newer file without overwriting it', () => {
    const result = migrateSettings({
      settingsVersion: 2,
      settings: { ...defaultSettings, queueUrl, newThing: 1 },
    });
    expect(result.writeBack).toBe(false);
    expect(result.settings.queueUrl).toBe(queueUrl);
  });

  it('survives garbage', () => {
    for (const raw of [null, 42, 'text', [], { settingsVersion: 1, settings: 'x' }]) {
      expect(migrateSettings(raw).settings).toEqual(defaultSettings);
    }
  });
});

describe('migrated settings and the engine', () => {
  it('are what the engine’s settings service reads back, under the same key', () => {
    const result = migrateSettings({ queueUrl, repos: 'octo/app', language: 'ja' });
    const data = new Map<string, unknown>([[SETTINGS_KEY, result.settings]]);
    const store = {
      get: (key: string) => data.get(key),
      set: (key: string, value: unknown) => data.set(key, value),
    };
    expect(ENGINE_SETTINGS_KEY).toBe(SETTINGS_KEY);
    expect(storedSettings(store)).toEqual(result.settings);
  });
});
