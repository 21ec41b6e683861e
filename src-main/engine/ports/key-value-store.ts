/**
 * Small persisted state (pause, settings) behind an interface: electron-store in the app, a JSON
 * file in headless mode. Values are plain JSON.
 */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}
