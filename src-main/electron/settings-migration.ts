/**
 * The settings file's versions and how an older one becomes the current one. Pure: the shell reads
 * the raw store, calls this, and writes the result back.
 *
 * Version 0 is the preview build's store: flat keys at the top level, some under other names
 * (`repos` as a comma-separated string, `language`, `lease`), and — the reason for the migration —
 * a GitHub token in clear text. Version 1 keeps validated settings under `settings`, and no secret
 * ever: the token moves to the secret store, AWS keys are dropped (the app uses profiles only).
 */
import { defaultSettings, SETTINGS_VERSION, settingsSchema, type Settings } from '../../shared/settings.ts';
import { SETTINGS_KEY } from '../engine/app/settings-service.ts';

export { SETTINGS_KEY };

/** Store keys; the engine's settings service reads and writes `settings` through KeyValueStore. */
export const SETTINGS_VERSION_KEY = 'settingsVersion';

/** Secrets that older builds or hand edits may have left in the file. */
const SECRET_KEYS = [
  'githubToken',
  'token',
  'awsAccessKeyId',
  'awsSecretAccessKey',
  'awsSessionToken',
] as const;

/** Version 0 names → version 1 names. */
const RENAMED: Readonly<Record<string, keyof Settings>> = {
  repos: 'repositories',
  language: 'locale',
  lease: 'leaseSeconds',
  awsRegion: 'region',
  awsProfile: 'profile',
};

export interface MigrationResult {
  readonly settings: Settings;
  readonly version: typeof SETTINGS_VERSION;
  /** False when the file came from a newer build: use what we understand, but do not overwrite it. */
  readonly writeBack: boolean;
  /** A clear-text GitHub token found in the file, for the caller to move into the secret store. */
  readonly githubToken: string | null;
  /** What was changed, for the log (never the values of secrets). */
  readonly notes: readonly string[];
}

/**
 * @param raw the whole store as read from disk (an object of top-level keys)
 */
export function migrateSettings(raw: unknown): MigrationResult {
  const store = isRecord(raw) ? raw : {};
  const version = typeof store[SETTINGS_VERSION_KEY] === 'number' ? store[SETTINGS_VERSION_KEY] : 0;
  const notes: string[] = [];

  const source: Record<string, unknown> =
    version === 0
      ? fromVersion0(store, notes)
      : isRecord(store[SETTINGS_KEY])
        ? { ...store[SETTINGS_KEY] }
        : {};

  let githubToken: string | null = null;
  for (const key of SECRET_KEYS) {
    for (const holder of [store, source]) {
      if (!(key in holder)) continue;
      const value = holder[key];
      if (key === 'githubToken' && typeof value === 'string' && value.trim() !== '')
        githubToken = value.trim();
      if (holder === source) delete source[key];
      notes.push(`removed ${key} from the settings file`);
    }
  }

  return {
    settings: salvage(source, notes),
    version: SETTINGS_VERSION,
    writeBack: version <= SETTINGS_VERSION,
    githubToken,
    notes: [...new Set(notes)],
  };
}

/** Keys of the store that version 0 used and version 1 no longer has (to delete on write-back). */
export function obsoleteKeys(raw: unknown): string[] {
  if (!isRecord(raw)) return [];
  const known = new Set<string>([...Object.keys(defaultSettings), ...Object.keys(RENAMED), ...SECRET_KEYS]);
  return Object.keys(raw).filter((key) => known.has(key));
}

function fromVersion0(store: Record<string, unknown>, notes: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(store)) {
    if (key in defaultSettings) out[key] = value;
  }
  for (const [old, current] of Object.entries(RENAMED)) {
    if (!(old in store) || current in out) continue;
    out[current] = store[old];
    notes.push(`renamed ${old} to ${current}`);
  }
  if (typeof out.repositories === 'string') {
    out.repositories = out.repositories
      .split(/[,\s]+/)
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
  if (out.locale === 'auto') out.locale = 'system';
  if (typeof out.leaseSeconds === 'string' && /^\d+$/.test(out.leaseSeconds)) {
    out.leaseSeconds = Number(out.leaseSeconds);
  }
  return out;
}

/** Every valid field kept, every invalid or missing one set to its default (and noted). */
function salvage(source: Record<string, unknown>, notes: string[]): Settings {
  const shape = settingsSchema.shape;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(defaultSettings) as (keyof Settings)[]) {
    if (!(key in source)) {
      result[key] = defaultSettings[key];
      continue;
    }
    const parsed = shape[key].safeParse(source[key]);
    if (parsed.success) result[key] = parsed.data;
    else {
      result[key] = defaultSettings[key];
      notes.push(`reset ${key} to its default (the stored value was invalid)`);
    }
  }
  for (const key of Object.keys(source)) {
    if (!(key in defaultSettings)) notes.push(`dropped unknown setting ${key}`);
  }
  return settingsSchema.parse(result);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
