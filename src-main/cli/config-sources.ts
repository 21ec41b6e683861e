/**
 * Where `run`, `serve` and `doctor` read their configuration: the config file, the environment,
 * and the settings saved from the UI (in the data folder's state.json) — plus the keys in the file
 * and the saved settings that the worker does not know, so nobody's typo is dropped in silence.
 */
import { join } from 'node:path';
import { SETTINGS_KEY, configInputFromSettings, storedSettings } from '../engine/app/settings-service.ts';
import { loadConfig, readConfigFile, resolveDataDir } from '../engine/config/load-config.ts';
import { loadConfigLeniently, type LenientConfig } from '../engine/config/lenient-config.ts';
import {
  describeUnknownKey,
  unknownConfigFileKeys,
  unknownSettingsKeys,
  type UnknownKey,
} from '../engine/config/unknown-keys.ts';
import type { WorkerConfig } from '../engine/config/worker-config.ts';
import { JsonFileStore } from '../engine/adapters/json-file-store.ts';
import type { CliOptions } from './options.ts';

type Env = Readonly<Record<string, string | undefined>>;

function sources(options: CliOptions, env: Env) {
  const store = new JsonFileStore(join(resolveDataDir({ configPath: options.config, env }), 'state.json'));
  const saved = storedSettings(store);
  const stored = saved ? (configInputFromSettings(saved) as Record<string, unknown>) : {};
  return { store, stored, unknownKeys: findUnknownKeys(options, env, store.get(SETTINGS_KEY)) };
}

/** The validated config; throws a ConfigError (exit 2) naming the first invalid key. */
export function loadWorkerConfig(options: CliOptions, env: Env) {
  const { store, stored, unknownKeys } = sources(options, env);
  const config: WorkerConfig = loadConfig({ configPath: options.config, env, stored });
  return { config, store, unknownKeys };
}

/** For the doctor: the config as far as it is valid, with every problem, never a throw. */
export function loadDoctorConfig(
  options: CliOptions,
  env: Env,
): LenientConfig & { readonly unknownKeys: readonly UnknownKey[] } {
  let stored: Record<string, unknown> = {};
  let unknownKeys: UnknownKey[] = [];
  try {
    ({ stored, unknownKeys } = sources(options, env));
  } catch {
    // The config file cannot be read: loadConfigLeniently reports that as a problem of its own.
  }
  return { ...loadConfigLeniently({ configPath: options.config, env, stored }), unknownKeys };
}

function findUnknownKeys(options: CliOptions, env: Env, savedSettings: unknown): UnknownKey[] {
  const path = options.config ?? env.CODINGWORKER_CONFIG ?? null;
  const fromFile = path ? unknownConfigFileKeys(readConfigFile(path), path) : [];
  return [...fromFile, ...unknownSettingsKeys(savedSettings)];
}

/** One warning line per unknown key, on stderr; the worker carries on without them. */
export function warnUnknownKeys(unknownKeys: readonly UnknownKey[], write = console.error): void {
  for (const unknown of unknownKeys) write(`codingworker: warning: ${describeUnknownKey(unknown)}`);
}
