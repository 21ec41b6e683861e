/**
 * A job's time limit (config.maxJobMinutes) as a signal that can be held: time spent waiting for
 * the user at the approval gate is bounded by the gate's own timeout, not by the work's limit.
 */
import type { Clock } from '../ports/clock.ts';

export class JobDeadline {
  readonly #clock: Clock;
  readonly #controller = new AbortController();
  #remainingMs: number;
  #runningSince: number | null;
  #timer: { cancel(): void } | null = null;

  constructor(clock: Clock, limitMs: number) {
    this.#clock = clock;
    this.#remainingMs = limitMs;
    this.#runningSince = clock.now();
    this.#arm();
  }

  /** Fires when the job's working time reaches the limit. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Working time left (ms), not counting held time. */
  remainingMs(): number {
    const running = this.#runningSince === null ? 0 : this.#clock.now() - this.#runningSince;
    return this.#remainingMs - running;
  }

  /** Stops the countdown until the returned function is called. */
  hold(): () => void {
    if (this.#runningSince === null || this.signal.aborted) return () => undefined;
    this.#remainingMs = this.remainingMs();
    this.#runningSince = null;
    this.#timer?.cancel();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#runningSince = this.#clock.now();
      this.#arm();
    };
  }

  /** Ends the countdown for good (the job is over). */
  dispose(): void {
    this.#timer?.cancel();
  }

  #arm(): void {
    this.#timer = this.#clock.setTimeout(
      () => this.#controller.abort(new DOMException('The job reached its time limit', 'TimeoutError')),
      Math.max(0, this.#remainingMs),
    );
  }
}
