/**
 * What `run` and `serve` share: config (file, env, saved settings), the GitHub token, the state file,
 * the assembled engine, and Ctrl-C handling — the first signal stops gracefully, a second at once.
 */
import { ProcessRecords } from '../engine/agent/process-records.ts';
import { ConfigError } from '../engine/config/load-config.ts';
import type { WorkerConfig } from '../engine/config/worker-config.ts';
import { buildWorkerApp, type BuiltWorkerApp } from '../engine/app/build-worker-app.ts';
import { resolveGitHubToken, type GitHubTokenResolution } from '../engine/github/resolve-token.ts';
import type { JobRunner } from '../engine/ports/job.ts';
import type { Notifier } from '../engine/ports/notifier.ts';
import { loadWorkerConfig, warnUnknownKeys } from './config-sources.ts';
import type { CliOptions } from './options.ts';

export interface StartedEngine {
  readonly app: BuiltWorkerApp;
  readonly config: WorkerConfig;
  readonly github: GitHubTokenResolution | null;
  /** Resolves once the worker has stopped after SIGINT/SIGTERM. */
  readonly stopped: Promise<void>;
}

export interface StartEngineOverrides {
  readonly runJob?: JobRunner;
  /** The sandbox works without GitHub; `run` and `serve` cannot. */
  readonly needsGitHub?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export async function startEngine(
  options: CliOptions,
  notifier: Notifier,
  overrides: StartEngineOverrides = {},
): Promise<StartedEngine> {
  const env = overrides.env ?? process.env;
  const { config, store, unknownKeys } = loadWorkerConfig(options, env);
  warnUnknownKeys(unknownKeys);
  // First of all: a crashed worker's agents stop before anything else happens (app.start repeats it).
  await new ProcessRecords(config.dataDir).endLeftovers();
  const github = await resolveGitHubToken({
    env,
    host: new URL(config.github.serverUrl).hostname || 'github.com',
  });
  if (!github && overrides.needsGitHub !== false) {
    throw new ConfigError(
      'GITHUB_TOKEN',
      'is not set and `gh auth token` found none: run `gh auth login` or set GITHUB_TOKEN',
    );
  }
  const app = buildWorkerApp({
    config,
    env,
    store,
    notifier,
    github,
    unknownKeys,
    ...(overrides.runJob ? { runJob: overrides.runJob } : {}),
  });
  const stopped = stopOnSignals(app);
  await app.start();
  return { app, config, github, stopped };
}

function stopOnSignals(app: BuiltWorkerApp): Promise<void> {
  return new Promise((resolve) => {
    let stopping: Promise<void> | null = null;
    const onSignal = () => {
      if (stopping) {
        console.error('Stopping now: releasing running work.');
        void app.stop({ immediate: true });
        return;
      }
      console.error('Stopping: running jobs may finish (Ctrl-C again to release them now).');
      stopping = app.stop().then(() => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        resolve();
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
