/**
 * Polls queue statistics on an interval only while at least one UI watches them: an idle worker
 * nobody looks at makes no GetQueueAttributes calls at all.
 */
import type { Clock } from '../ports/clock.ts';

export interface StatsWatcherOptions {
  readonly clock: Clock;
  readonly intervalMs: number;
  /** Fetches and publishes the stats; its errors are ignored (the next tick tries again). */
  refresh(): Promise<void>;
}

export class StatsWatcher {
  readonly #options: StatsWatcherOptions;
  #watchers = 0;
  #timer: { cancel(): void } | null = null;
  #inFlight = false;
  #stopped = false;

  constructor(options: StatsWatcherOptions) {
    this.#options = options;
  }

  get watching(): boolean {
    return this.#watchers > 0;
  }

  /** Counts watchers: each `true` needs a matching `false`. The first one fetches at once. */
  watch(watching: boolean): void {
    if (this.#stopped) return;
    const before = this.#watchers;
    this.#watchers = Math.max(0, before + (watching ? 1 : -1));
    if (before === 0 && this.#watchers > 0) this.#tick();
    if (this.#watchers === 0) this.#cancel();
  }

  stop(): void {
    this.#stopped = true;
    this.#watchers = 0;
    this.#cancel();
  }

  #tick(): void {
    this.#timer = null;
    if (this.#stopped || this.#watchers === 0 || this.#inFlight) return;
    this.#inFlight = true;
    this.#options
      .refresh()
      .catch(() => {
        // Shown as stale stats (updatedAt); the receive loop reports connectivity.
      })
      .finally(() => {
        this.#inFlight = false;
        if (!this.#stopped && this.#watchers > 0 && this.#timer === null) {
          this.#timer = this.#options.clock.setTimeout(() => this.#tick(), this.#options.intervalMs);
        }
      });
  }

  #cancel(): void {
    this.#timer?.cancel();
    this.#timer = null;
  }
}
