import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/settings.ts';
import {
  configInputFromSettings,
  createSettingsService,
  SETTINGS_KEY,
  storedSettings,
} from '../../../src-main/engine/app/settings-service.ts';
import { loadConfig } from '../../../src-main/engine/config/load-config.ts';
import type { KeyValueStore } from '../../../src-main/engine/ports/key-value-store.ts';

function memoryStore(
  initial: Record<string, unknown> = {},
): KeyValueStore & { data: Record<string, unknown> } {
  const data = { ...initial };
  return { data, get: (key) => data[key], set: (key, value) => void (data[key] = value) };
}

const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/codingworker-tasks';
const config = loadConfig({
  env: {
    CODINGWORKER_QUEUE_URL: queueUrl,
    CODINGWORKER_REPOSITORIES: 'octo/app',
    CODINGWORKER_DATA_DIR: '/tmp/x',
  },
});

describe('settings service', () => {
  it('shows the running configuration before anything was saved', () => {
    const settings = createSettingsService(memoryStore(), config).get();
    expect(settings).toMatchObject({
      queueUrl,
      repositories: ['octo/app'],
      leaseSeconds: 300,
      agentPreset: 'aider',
    });
  });

  it('saves a valid change and shows it from then on', () => {
    const store = memoryStore();
    const service = createSettingsService(store, config);
    expect(service.update({ concurrency: 3 })).toMatchObject({ ok: true, settings: { concurrency: 3 } });
    expect(service.get().concurrency).toBe(3);
    expect(store.get(SETTINGS_KEY)).toMatchObject({ concurrency: 3, queueUrl });
  });

  it('refuses an invalid queue URL with a catalogue key and saves nothing', () => {
    const store = memoryStore();
    const result = createSettingsService(store, config).update({ queueUrl: 'https://example.com/queue' });
    expect(result).toEqual({ ok: false, problems: [{ field: 'queueUrl', problem: 'invalid-queue-url' }] });
    expect(store.get(SETTINGS_KEY)).toBeUndefined();
  });

  it('ignores saved settings that no longer validate rather than failing to start', () => {
    expect(storedSettings(memoryStore({ [SETTINGS_KEY]: { leaseSeconds: 'soon' } }))).toBeNull();
    expect(storedSettings(memoryStore({ [SETTINGS_KEY]: { concurrency: 2 } }))).toMatchObject({
      concurrency: 2,
    });
  });

  it('feeds saved settings into the config below the environment', () => {
    const saved = {
      ...defaultSettings,
      queueUrl,
      repositories: ['octo/saved'],
      concurrency: 2,
      model: 'gpt-4o',
    };
    const input = configInputFromSettings(saved) as Record<string, unknown>;
    const fromSettings = loadConfig({ env: { CODINGWORKER_DATA_DIR: '/tmp/x' }, stored: input });
    expect(fromSettings).toMatchObject({
      queueUrl,
      repositories: ['octo/saved'],
      concurrency: 2,
      agent: { model: 'gpt-4o' },
    });
    const envWins = loadConfig({
      env: { CODINGWORKER_DATA_DIR: '/tmp/x', CODINGWORKER_CONCURRENCY: '4' },
      stored: input,
    });
    expect(envWins.concurrency).toBe(4);
  });
});
