/**
 * Polls queue statistics on an interval only while at least one UI watches them: an idle worker
 * nobody looks at makes no GetQueueAttributes calls at all.
 */
import type { Clock } from '../ports/clock.ts';
import { withDeadline } from '../support/deadline.ts';

export interface StatsWatcherOptions {
  readonly clock: Clock;
  readonly intervalMs: number;
  /**
   * How long one refresh may take: then its signal is aborted and the watcher stops waiting for it,
   * so one hung request cannot end the polling for good. Default: the interval (at least 1 s).
   */
  readonly timeoutMs?: number;
  /** Fetches and publishes the stats; its errors are ignored (the next tick tries again). */
  refresh(signal: AbortSignal): Promise<void>;
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
    const { clock, intervalMs } = this.#options;
    withDeadline(clock, this.#options.timeoutMs ?? Math.max(1_000, intervalMs), (signal) =>
      this.#options.refresh(signal),
    )
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
