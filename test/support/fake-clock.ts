/**
 * A Clock whose time moves only when a test says so. `advance` fires due timers in time order and
 * lets promise callbacks run between them, so async work started by a timer settles before the next.
 */
import type { Clock } from '../../src-main/engine/ports/clock.ts';

interface PendingTimer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

export class FakeClock implements Clock {
  #now: number;
  #nextId = 0;
  #timers: PendingTimer[] = [];

  constructor(start: number | string = '2026-11-20T09:00:00Z') {
    this.#now = typeof start === 'string' ? Date.parse(start) : start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): { cancel(): void } {
    const timer = { id: this.#nextId++, at: this.#now + Math.max(0, ms), callback };
    this.#timers.push(timer);
    return { cancel: () => void (this.#timers = this.#timers.filter((t) => t !== timer)) };
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.#timers.length;
  }

  /** When the next timer fires, or null. */
  nextAt(): number | null {
    return this.#timers.reduce<number | null>((min, t) => (min === null || t.at < min ? t.at : min), null);
  }

  /** Moves time forward by ms, firing every timer that falls due on the way (also ones scheduled meanwhile). */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      await flushPromises();
      const due = this.#timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((t) => t !== due);
      this.#now = Math.max(this.#now, due.at);
      due.callback();
    }
    this.#now = target;
    await flushPromises();
  }

  /**
   * Moves time forward without firing anything, like a laptop waking from sleep: overdue timers fire
   * (late, in their order) on the next advance().
   */
  jump(ms: number): void {
    this.#now += ms;
  }

  /** Moves to an absolute time. */
  async advanceTo(time: number): Promise<void> {
    await this.advance(Math.max(0, time - this.#now));
  }
}

/** Lets queued promise callbacks run (several rounds, for chains of awaits). */
export async function flushPromises(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

/** A Clock whose timers never fire: a worker on it sends no heartbeats, like a frozen or crashed process. */
export const frozenTimersClock: Clock = {
  now: () => Date.now(),
  setTimeout: () => ({ cancel: () => {} }),
};
