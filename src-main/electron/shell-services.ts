/**
 * What the shell needs from the worker app, and what it gives it. main.ts builds the context,
 * calls a ShellServicesFactory, and only ever talks to the worker through ShellServices.
 */
import type { PauseMode, SecretResult } from '../../shared/bridge.ts';
import type { PauseReason, WorkerSnapshot } from '../../shared/snapshot.ts';
import type { BridgeService } from '../engine/app/bridge-service.ts';
import type { KeyValueStore } from '../engine/ports/key-value-store.ts';
import type { Notifier } from '../engine/ports/notifier.ts';
import type { TokenSecretStore } from '../engine/github/resolve-token.ts';
import type { LinkPolicy } from './url-allow.ts';

export interface ShellPauseRequest {
  readonly mode: PauseMode;
  /** ISO time for a timed pause; null until resumed. */
  readonly until: string | null;
  /** 'battery' and 'suspend' come from the power monitor; the tray menu's pauses are 'user'. */
  readonly reason: PauseReason;
}

export interface ShellServices {
  /** The bridge the window's IPC serves. */
  readonly bridge: BridgeService;
  /** Pause with a reason (the bridge's pause command is always the user's). */
  pause(request: ShellPauseRequest): Promise<WorkerSnapshot>;
  resume(): Promise<WorkerSnapshot>;
  /**
   * Graceful stop before quitting: takes no new message; with `immediate`, cancels running jobs and
   * releases their messages at once, else lets them finish within the grace period first.
   */
  stop(immediate: boolean): Promise<void>;
  /** The configured GitHub server and repository allowlist, for the URL allow-check. */
  linkPolicy(): LinkPolicy;
  /** True when saved settings only take effect by restarting (the app started unconfigured). */
  readonly restartOnSettingsSaved: boolean;
}

export interface ShellContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** electron-store, migrated: settings under 'settings' (version 1), plus the engine's own keys. */
  readonly store: KeyValueStore;
  /** safeStorage-backed: the GitHub token under 'github-token'. */
  readonly secrets: TokenSecretStore & {
    set(name: string, value: string): Promise<SecretResult>;
    delete(name: string): void;
  };
  readonly notifier: Notifier;
}

export type ShellServicesFactory = (context: ShellContext) => Promise<ShellServices>;
