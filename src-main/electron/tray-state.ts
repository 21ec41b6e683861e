/**
 * What the menu-bar icon shows, as a pure function of the worker's snapshot: the shell only swaps
 * the image. Working wins over paused ("pause after the current job" still has a job running), and
 * paused wins over offline (the user asked for no work, so the queue being unreachable is moot).
 */
import type { WorkerSnapshot } from '../../shared/snapshot.ts';

export type TrayState = 'idle' | 'working' | 'paused' | 'offline';

export const trayStates: readonly TrayState[] = ['idle', 'working', 'paused', 'offline'];

/** Template images (black on transparent; macOS tints them), one per state, each with an @2x twin. */
export const TRAY_ICON_FILES: { readonly [S in TrayState]: string } = {
  idle: 'trayTemplate.png',
  working: 'trayWorkingTemplate.png',
  paused: 'trayPausedTemplate.png',
  offline: 'trayOfflineTemplate.png',
};

export function trayState(snapshot: WorkerSnapshot | null): TrayState {
  if (snapshot === null) return 'offline';
  if (snapshot.jobs.length > 0) return 'working';
  if (snapshot.pause.paused) return 'paused';
  if (snapshot.status === 'offline' || snapshot.status === 'stopped') return 'offline';
  return 'idle';
}
