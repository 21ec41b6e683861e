/**
 * ShellServices over the engine's worker app (buildWorkerApp): config from the config file, the
 * environment and the saved settings; the GitHub token from the environment, `gh`, or the secret
 * store. Without a usable configuration (a first start has no queue URL) the window still opens,
 * offline with the reason, and serves the settings so the user can fix them; saving valid settings
 * then restarts the app.
 */
import { BridgeError, type CommandHandlers } from '../../shared/bridge.ts';
import { defaultSettings, validateSettings } from '../../shared/settings.ts';
import { notPaused, type WorkerSnapshot } from '../../shared/snapshot.ts';
import type { BridgeService } from '../engine/app/bridge-service.ts';
import { buildWorkerApp } from '../engine/app/build-worker-app.ts';
import { EventHub } from '../engine/app/event-hub.ts';
import { configInputFromSettings, SETTINGS_KEY, storedSettings } from '../engine/app/settings-service.ts';
import { loadConfig } from '../engine/config/load-config.ts';
import { describeUnknownKey, unknownSettingsKeys } from '../engine/config/unknown-keys.ts';
import { GITHUB_TOKEN_SECRET, resolveGitHubToken } from '../engine/github/resolve-token.ts';
import type { ShellContext, ShellServices, ShellServicesFactory } from './shell-services.ts';
import { describeError } from '../../shared/describe-error.ts';

const DEFAULT_LINKS = { serverUrl: 'https://github.com', repositories: [] as readonly string[] };

export const createWorkerServices: ShellServicesFactory = async (context) => {
  let config;
  try {
    const saved = storedSettings(context.store);
    config = loadConfig({
      env: context.env,
      stored: saved ? (configInputFromSettings(saved) as Record<string, unknown>) : {},
    });
  } catch (error) {
    return unconfigured(context, describeError(error));
  }
  const github = await resolveGitHubToken({
    env: context.env,
    secretStore: context.secrets,
    host: new URL(config.github.serverUrl).hostname || 'github.com',
  });
  if (!github) {
    return unconfigured(
      context,
      'No GitHub token: set GITHUB_TOKEN, or sign in with `gh auth login`, then restart CodingWorker.',
    );
  }
  // Keys the app does not know (a hand edit, a newer version): said at start and in Check setup.
  const unknownKeys = unknownSettingsKeys(context.store.get(SETTINGS_KEY));
  for (const unknown of unknownKeys) console.warn(`[settings] ${describeUnknownKey(unknown)}`);
  const app = buildWorkerApp({
    config,
    env: context.env,
    store: context.store,
    notifier: context.notifier,
    github,
    secrets: tokenSecrets(context),
    unknownKeys,
  });
  // The tray and window must not wait for AWS: the worker reports offline by itself while it retries.
  void app.start().catch((error: unknown) => console.warn(`[worker] start: ${describeError(error)}`));
  const links = { serverUrl: config.github.serverUrl, repositories: config.repositories };
  return {
    bridge: app.service,
    pause: async (request) => app.pause(request),
    resume: async () => app.resume(),
    stop: (immediate) => app.stop({ immediate }),
    linkPolicy: () => links,
    restartOnSettingsSaved: false,
  };
};

/** The GitHub token in the OS keychain; it takes effect at the next start. */
function tokenSecrets(context: ShellContext) {
  return {
    setGitHubToken: (token: string) => context.secrets.set(GITHUB_TOKEN_SECRET, token),
    async clearGitHubToken() {
      context.secrets.delete(GITHUB_TOKEN_SECRET);
      return true;
    },
  };
}

function tokenHandlers(context: ShellContext): Pick<CommandHandlers, 'setGitHubToken' | 'clearGitHubToken'> {
  const secrets = tokenSecrets(context);
  return {
    setGitHubToken: ({ token }) => secrets.setGitHubToken(token),
    clearGitHubToken: async () => ({ cleared: await secrets.clearGitHubToken() }),
  };
}

/** Offline with the reason; only the settings work, and saving them restarts the app. */
function unconfigured(context: ShellContext, message: string): ShellServices {
  const snapshot: WorkerSnapshot = {
    seq: 1,
    status: 'offline',
    queueUrl: null,
    dlqUrl: null,
    concurrency: 1,
    pause: notPaused,
    jobs: [],
    stats: { queue: null, dlq: null, updatedAt: null },
    lastError: { message, code: 'not-configured', at: new Date().toISOString() },
    retryAt: null,
  };
  const unavailable = async (): Promise<never> => {
    throw new BridgeError({ code: 'unavailable', message: `not available until configured: ${message}` });
  };
  const current = () => storedSettings(context.store) ?? defaultSettings;
  const handlers: CommandHandlers = {
    getSnapshot: async () => snapshot,
    refreshStats: async () => snapshot,
    pause: unavailable,
    resume: unavailable,
    cancelJob: unavailable,
    listDlq: unavailable,
    redriveDlqItem: unavailable,
    redriveAllDlq: unavailable,
    deleteDlqItem: unavailable,
    listHistory: unavailable,
    getJobLog: unavailable,
    getSettings: async () => current(),
    async updateSettings({ settings }) {
      const result = validateSettings({ ...current(), ...settings });
      if (result.ok) context.store.set(SETTINGS_KEY, result.settings);
      return result;
    },
    runDoctor: unavailable,
    sendSampleIssue: unavailable,
    ...tokenHandlers(context),
    openExternal: async () => ({ opened: false }),
    listApprovals: async () => [],
    getApprovalDiff: async () => ({ diff: null }),
    decideApproval: unavailable,
    retryDlqItemWithNote: unavailable,
    retryJobWithNote: unavailable,
  };
  const hub = new EventHub();
  const bridge: BridgeService = {
    handlers,
    subscribe: (listener) => hub.subscribe(listener),
    watch: () => () => {},
    health: () => ({ status: snapshot.status }),
    logFilePath: () => null,
  };
  return {
    bridge,
    pause: unavailable,
    resume: unavailable,
    stop: async () => {},
    linkPolicy: () => DEFAULT_LINKS,
    restartOnSettingsSaved: true,
  };
}
