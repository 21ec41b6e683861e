/**
 * KeyValueStore on a JSON file, for headless mode. Writes go to a temporary file and are renamed
 * over the old one, so a crash mid-write never leaves a torn file.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyValueStore } from '../ports/key-value-store.ts';

export class JsonFileStore implements KeyValueStore {
  readonly #path: string;
  #data: Record<string, unknown>;

  constructor(path: string) {
    this.#path = path;
    this.#data = readJson(path);
  }

  get(key: string): unknown {
    return this.#data[key];
  }

  set(key: string, value: unknown): void {
    this.#data = { ...this.#data, [key]: value };
    mkdirSync(dirname(this.#path), { recursive: true, mode: 0o700 });
    const temp = `${this.#path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.#data, null, 2), { mode: 0o600 });
    renameSync(temp, this.#path);
  }
}

function readJson(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    // A corrupt state file must not stop the worker: start fresh, keep the bad copy for inspection.
    try {
      renameSync(path, `${path}.corrupt-${Date.now()}`);
    } catch {
      /* nothing to keep */
    }
    return {};
  }
}
