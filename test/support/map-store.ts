import type { KeyValueStore } from '../../src-main/engine/ports/key-value-store.ts';

/** A KeyValueStore in memory that, like the real ones, keeps JSON copies (no shared references). */
export class MapStore implements KeyValueStore {
  readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return this.values.get(key);
  }
  set(key: string, value: unknown): void {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}
