/**
 * The guardrails' configuration contract (issue #14): repositorySettings, limits,
 * approveBeforePush and approvalTimeoutMinutes in the config file and in the app's settings.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings, validateSettings } from '../../../shared/settings.ts';
import {
  configInputFromSettings,
  settingsFromConfig,
} from '../../../src-main/engine/app/settings-service.ts';
import { repositorySettingFor } from '../../../src-main/engine/config/guardrails-config.ts';
import { ConfigError, loadConfig } from '../../../src-main/engine/config/load-config.ts';

const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/codingworker-tasks';
const env = { CODINGWORKER_QUEUE_URL: queueUrl, CODINGWORKER_DATA_DIR: '/tmp/cw' };

function fromFile(content: unknown, stored?: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'cw-guardrails-'));
  const path = join(dir, 'config.json');
  writeFileSync(path, JSON.stringify(content));
  return loadConfig({ env, configPath: path, ...(stored ? { stored } : {}) });
}

function problem(content: unknown): string {
  try {
    fromFile(content);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('the guardrails configuration', () => {
  it('defaults to no checks, no limits and no approval gate', () => {
    const config = loadConfig({ env });
    expect(config.repositorySettings).toEqual({});
    expect(config.limits).toEqual({ perJobUsd: null, perDayUsd: null });
    expect(config.approveBeforePush).toBe(false);
    expect(config.approvalTimeoutMinutes).toBe(240);
  });

  it('reads the documented keys, with per-repository defaults', () => {
    const config = fromFile({
      repositorySettings: {
        'octo-org/hello-world': { setupCommand: ['npm', 'ci'], checkCommand: ['npm', 'test'] },
        'octo-org/other': {
          checkCommand: ['make', 'check'],
          checkTimeoutSeconds: 60,
          onCheckFailure: 'fail',
        },
      },
      limits: { perJobUsd: 2, perDayUsd: 5 },
      approveBeforePush: true,
      approvalTimeoutMinutes: 30,
    });
    expect(config.repositorySettings['octo-org/hello-world']).toEqual({
      setupCommand: ['npm', 'ci'],
      checkCommand: ['npm', 'test'],
      checkTimeoutSeconds: 900,
      onCheckFailure: 'draft',
    });
    expect(repositorySettingFor(config.repositorySettings, 'Octo-Org/Other')).toMatchObject({
      checkCommand: ['make', 'check'],
      onCheckFailure: 'fail',
    });
    expect(repositorySettingFor(config.repositorySettings, 'octo-org/none')).toBeNull();
    expect(config.limits).toEqual({ perJobUsd: 2, perDayUsd: 5 });
    expect(config).toMatchObject({ approveBeforePush: true, approvalTimeoutMinutes: 30 });
  });

  it('names the key at fault', () => {
    expect(problem({ repositorySettings: { 'a/b': { checkCommand: 'npm test' } } })).toMatch(
      /^Invalid configuration: repositorySettings\.a\/b\.checkCommand/,
    );
    expect(problem({ repositorySettings: { 'a/b': { onCheckFailure: 'ignore' } } })).toMatch(
      /repositorySettings\.a\/b\.onCheckFailure/,
    );
    expect(problem({ repositorySettings: { 'not a repo': {} } })).toMatch(/repositorySettings/);
    expect(problem({ limits: { perJobUsd: -1 } })).toMatch(
      /limits\.perJobUsd .* must be a positive amount in US dollars/,
    );
    expect(problem({ approvalTimeoutMinutes: 0 })).toMatch(/approvalTimeoutMinutes/);
  });

  it('merges limits key by key: the file’s perDayUsd keeps the saved perJobUsd', () => {
    const stored = configInputFromSettings({ ...defaultSettings, queueUrl, perJobUsd: 1 });
    const config = fromFile({ limits: { perDayUsd: 4 } }, stored as Record<string, unknown>);
    expect(config.limits).toEqual({ perJobUsd: 1, perDayUsd: 4 });
  });

  it('round-trips through the app’s settings', () => {
    const settings = {
      ...defaultSettings,
      queueUrl,
      repositorySettings: {
        'octo-org/hello-world': {
          setupCommand: ['npm', 'ci'],
          checkCommand: ['npm', 'test'],
          checkTimeoutSeconds: 120,
          onCheckFailure: 'fail' as const,
        },
      },
      perJobUsd: 0.5,
      perDayUsd: null,
      approveBeforePush: true,
      approvalTimeoutMinutes: 15,
    };
    expect(validateSettings(settings).ok).toBe(true);
    const config = loadConfig({ env, stored: configInputFromSettings(settings) as Record<string, unknown> });
    expect(settingsFromConfig(config)).toMatchObject({
      repositorySettings: settings.repositorySettings,
      perJobUsd: 0.5,
      perDayUsd: null,
      approveBeforePush: true,
      approvalTimeoutMinutes: 15,
    });
  });

  it('refuses settings with a shell string or a bad limit', () => {
    const bad = validateSettings({
      ...defaultSettings,
      repositorySettings: {
        'a/b': { setupCommand: 'npm ci', checkCommand: [], checkTimeoutSeconds: 1, onCheckFailure: 'draft' },
      },
    });
    expect(bad.ok).toBe(false);
    const negative = validateSettings({ ...defaultSettings, perDayUsd: 0 });
    expect(negative.ok === false && negative.problems[0]).toMatchObject({
      field: 'perDayUsd',
      problem: 'usd-positive',
    });
  });
});
