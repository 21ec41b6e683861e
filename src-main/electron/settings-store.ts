/**
 * The engine's KeyValueStore on electron-store, with the settings migrated to the current version
 * when the store opens. There is deliberately no JSON schema on the store: electron-store checks a
 * schema against the whole file and refuses to open it, so one bad field would cost every setting
 * and the pause state. The migration salvages settings field by field instead.
 */
import ElectronStore from 'electron-store';
import { renameSync } from 'node:fs';
import { defaultSettings, SETTINGS_VERSION, type Settings } from '../../shared/settings.ts';
import { storedSettings } from '../engine/app/settings-service.ts';
import type { KeyValueStore } from '../engine/ports/key-value-store.ts';
import { migrateSettings, obsoleteKeys, SETTINGS_KEY, SETTINGS_VERSION_KEY } from './settings-migration.ts';
import { describeError } from '../../shared/describe-error.ts';

export class ElectronKeyValueStore implements KeyValueStore {
  readonly #store: ElectronStore;

  constructor(store: ElectronStore) {
    this.#store = store;
  }

  get(key: string): unknown {
    return this.#store.get(key);
  }

  set(key: string, value: unknown): void {
    this.#store.set(key, value);
  }
}

export interface OpenedSettingsStore {
  readonly store: ElectronKeyValueStore;
  /** A clear-text token an old settings file held, for the caller to move into the secret store. */
  readonly legacyGitHubToken: string | null;
  readonly notes: readonly string[];
}

/** Opens (and migrates) the store in `cwd`, moving an unreadable file aside rather than failing. */
export function openSettingsStore(cwd: string): OpenedSettingsStore {
  const options = {
    cwd,
    name: 'settings',
    clearInvalidConfig: false,
    configFileMode: 0o600,
  } as const;
  let store: ElectronStore;
  const notes: string[] = [];
  try {
    store = new ElectronStore(options as ConstructorParameters<typeof ElectronStore>[0]);
  } catch (error) {
    // A corrupt or hand-broken file must not keep the app from starting: keep it for inspection.
    const path = `${cwd}/settings.json`;
    const aside = `${path}.invalid-${Date.now()}`;
    try {
      renameSync(path, aside);
    } catch {
      /* nothing to move */
    }
    notes.push(`settings file was unreadable (${describeError(error)}); moved to ${aside}`);
    store = new ElectronStore(options as ConstructorParameters<typeof ElectronStore>[0]);
  }

  const raw = store.store as Record<string, unknown>;
  const migration = migrateSettings(raw);
  notes.push(...migration.notes);
  if (migration.writeBack) {
    for (const key of obsoleteKeys(raw)) store.delete(key as never);
    store.set(SETTINGS_KEY, migration.settings);
    store.set(SETTINGS_VERSION_KEY, SETTINGS_VERSION);
  }
  return { store: new ElectronKeyValueStore(store), legacyGitHubToken: migration.githubToken, notes };
}

/** The current settings, read as the engine reads them; defaults when none were saved. */
export function readSettings(store: KeyValueStore): Settings {
  return storedSettings(store) ?? defaultSettings;
}
