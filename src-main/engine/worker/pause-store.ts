/** The pause state across restarts, in the KeyValueStore under 'pause'. */
import { notPaused, type PauseState } from '../../../shared/snapshot.ts';
import type { KeyValueStore } from '../ports/key-value-store.ts';
import { PAUSE_STORE_KEY, restorePauseState } from './pause-state.ts';

/** The saved pause, or not paused; a timed pause that ended while the app was closed is cleared for good. */
export function loadPause(store: KeyValueStore, now: number): PauseState {
  const stored = store.get(PAUSE_STORE_KEY);
  const pause = restorePauseState(stored, now);
  if (!pause.paused && isPausedRecord(stored)) savePause(store, notPaused);
  return pause;
}

export function savePause(store: KeyValueStore, pause: PauseState): void {
  store.set(PAUSE_STORE_KEY, pause);
}

function isPausedRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { paused?: unknown }).paused === true;
}
