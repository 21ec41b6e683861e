/**
 * The settings a user edits, kept in the KeyValueStore (electron-store in the app, a JSON file
 * headless) and validated on every change. They feed the config at the next start; values set by
 * environment variables still win then, and the UI says which.
 */
import {
  defaultSettings,
  settingRange,
  validateSettings,
  type RangedSetting,
  type Settings,
} from '../../../shared/settings.ts';
import type { UpdateSettingsResult } from '../../../shared/bridge.ts';
import type { WorkerConfig, WorkerConfigInput } from '../config/worker-config.ts';
import type { KeyValueStore } from '../ports/key-value-store.ts';

export const SETTINGS_KEY = 'settings';

export interface SettingsService {
  get(): Settings;
  update(patch: Partial<Settings>): UpdateSettingsResult;
}

export function createSettingsService(store: KeyValueStore, config: WorkerConfig): SettingsService {
  return {
    get: () => storedSettings(store) ?? settingsFromConfig(config),
    update(patch) {
      const current = storedSettings(store) ?? settingsFromConfig(config);
      const result = validateSettings({ ...current, ...patch });
      if (!result.ok) return result;
      store.set(SETTINGS_KEY, result.settings);
      return result;
    },
  };
}

/** Saved settings, or null when none were saved or they no longer validate. */
export function storedSettings(store: KeyValueStore): Settings | null {
  const saved = store.get(SETTINGS_KEY);
  if (saved === undefined) return null;
  const result = validateSettings({ ...defaultSettings, ...(saved as object) });
  return result.ok ? result.settings : null;
}

/** What the running config looks like as settings (for a first start with no saved settings). */
export function settingsFromConfig(config: WorkerConfig): Settings {
  return {
    ...defaultSettings,
    queueUrl: config.queueUrl,
    region: config.region ?? '',
    profile: config.profile ?? '',
    repositories: [...config.repositories],
    agentPreset: config.agent.preset,
    agentCommand: config.agent.command ? [...config.agent.command] : [],
    model: config.agent.model ?? '',
    extraArgs: [...config.agent.extraArgs],
    agentSandbox: config.agent.sandbox ?? 'auto',
    agentAllowedHosts: [...(config.agent.allowedHosts ?? [])],
    leaseSeconds: within('leaseSeconds', config.leaseSeconds),
    maxJobMinutes: within('maxJobMinutes', config.maxJobMinutes),
    concurrency: within('concurrency', config.concurrency),
    openPullRequestsAsDraft: config.github.openAsDraft,
    repositorySettings: Object.fromEntries(
      Object.entries(config.repositorySettings).map(([name, value]) => [
        name,
        { ...value, setupCommand: [...value.setupCommand], checkCommand: [...value.checkCommand] },
      ]),
    ),
    perJobUsd: config.limits.perJobUsd,
    perDayUsd: config.limits.perDayUsd,
    approveBeforePush: config.approveBeforePush,
    approvalTimeoutMinutes: Math.min(660, config.approvalTimeoutMinutes),
  };
}

function within(key: RangedSetting, value: number): number {
  const { min, max } = settingRange(key);
  return Math.min(max, Math.max(min, value));
}

/** Saved settings as config input, the lowest layer under the config file and the environment. */
export function configInputFromSettings(settings: Settings): Partial<WorkerConfigInput> {
  return {
    ...(settings.queueUrl ? { queueUrl: settings.queueUrl } : {}),
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
    repositories: [...settings.repositories],
    agent: {
      preset: settings.agentPreset,
      command: settings.agentCommand.length > 0 ? [...settings.agentCommand] : null,
      model: settings.model || null,
      extraArgs: [...settings.extraArgs],
      sandbox: settings.agentSandbox,
      allowedHosts: [...settings.agentAllowedHosts],
    },
    leaseSeconds: settings.leaseSeconds,
    maxJobMinutes: settings.maxJobMinutes,
    concurrency: settings.concurrency,
    github: { openAsDraft: settings.openPullRequestsAsDraft },
    repositorySettings: settings.repositorySettings,
    limits: { perJobUsd: settings.perJobUsd, perDayUsd: settings.perDayUsd },
    approveBeforePush: settings.approveBeforePush,
    approvalTimeoutMinutes: settings.approvalTimeoutMinutes,
  };
}
