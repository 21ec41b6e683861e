/**
 * The daily spend limit (issue #14, limits.perDayUsd): today's spend is the sum of the recorded
 * jobs' costs that ended today, local time. When it reaches the limit the worker is paused with the
 * reason 'daily-limit' until the next local midnight (the running job finishes); the user's resume
 * lifts the limit for the rest of that day. A job's own spend cap is never above what is left of
 * today's limit (see pipeline.ts, dailyBudgetUsd).
 */
import type { JobRecord } from '../../../shared/job-record.ts';
import type { PauseReason, SpendView, WorkerSnapshot } from '../../../shared/snapshot.ts';
import type { Clock } from '../ports/clock.ts';

/** The worker as the limit uses it. */
export interface PausablePort {
  pause(options: { mode: 'after-current'; until: string | null; reason: PauseReason }): void;
  snapshot(): WorkerSnapshot;
  onSnapshot(listener: (snapshot: WorkerSnapshot) => void): () => void;
}

/** "2026-11-20" for a time, in the machine's time zone. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The next local midnight after `ms`, as an ISO time. */
export function nextLocalMidnight(ms: number): string {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, 0, 0, 0, 0).toISOString();
}

export class DailySpendLimit {
  readonly #limitUsd: number | null;
  readonly #clock: Clock;
  /** Spend by local day. Only today's matters; yesterday's is dropped as days pass. */
  readonly #byDay = new Map<string, number>();
  #liftedOn: string | null = null;
  #worker: PausablePort | null = null;
  #pausedOn: string | null = null;

  constructor(options: {
    readonly limitUsd: number | null;
    readonly clock: Clock;
    /** Recent history, so a restart knows what today cost already. */
    readonly records?: readonly JobRecord[];
  }) {
    this.#limitUsd = options.limitUsd;
    this.#clock = options.clock;
    for (const record of options.records ?? []) this.#add(record);
  }

  /** Adds recent history (at start), so a restart knows what today cost already. */
  seed(records: readonly JobRecord[]): void {
    for (const record of records) this.#add(record);
  }

  /** Pauses `worker` whenever today's limit is reached; notices the user's resume. */
  attach(worker: PausablePort): () => void {
    this.#worker = worker;
    let wasDailyPause = worker.snapshot().pause.reason === 'daily-limit';
    const off = worker.onSnapshot((snapshot) => {
      const isDailyPause = snapshot.pause.paused && snapshot.pause.reason === 'daily-limit';
      // Resumed on the day it was paused: by the user (midnight is another day).
      const today = localDay(this.#clock.now());
      if (wasDailyPause && !snapshot.pause.paused && this.#pausedOn === today) this.#liftedOn = today;
      wasDailyPause = isDailyPause;
    });
    this.#enforce();
    return () => {
      off();
      this.#worker = null;
    };
  }

  /** A job's record: its cost counts for the day it ended. */
  record(record: JobRecord): void {
    this.#add(record);
    this.#enforce();
  }

  spentTodayUsd(): number {
    return this.#byDay.get(localDay(this.#clock.now())) ?? 0;
  }

  /** What is left of today's limit, or null when there is none (or the user lifted it today). */
  remainingUsd(): number | null {
    if (this.#limitUsd === null || this.#liftedOn === localDay(this.#clock.now())) return null;
    return Math.max(0, this.#limitUsd - this.spentTodayUsd());
  }

  view(): SpendView {
    return { todayUsd: round(this.spentTodayUsd()), perDayUsd: this.#limitUsd };
  }

  #add(record: JobRecord): void {
    const cost = record.usage?.costUsd;
    if (typeof cost !== 'number' || !(cost > 0)) return;
    const ended = Date.parse(record.endedAt);
    if (Number.isNaN(ended)) return;
    const day = localDay(ended);
    if (day !== localDay(this.#clock.now())) return;
    if (!this.#byDay.has(day)) this.#byDay.clear();
    this.#byDay.set(day, (this.#byDay.get(day) ?? 0) + cost);
  }

  #enforce(): void {
    const worker = this.#worker;
    const remaining = this.remainingUsd();
    if (!worker || remaining === null || remaining > 0) return;
    const pause = worker.snapshot().pause;
    if (pause.paused && pause.reason === 'daily-limit') return;
    const now = this.#clock.now();
    this.#pausedOn = localDay(now);
    // A pause the user set for longer stays as it is; otherwise the limit pauses until midnight.
    if (
      pause.paused &&
      (pause.until === null || Date.parse(pause.until) > Date.parse(nextLocalMidnight(now)))
    )
      return;
    worker.pause({ mode: 'after-current', until: nextLocalMidnight(now), reason: 'daily-limit' });
  }
}

function round(usd: number): number {
  return Math.round(usd * 1_000_000) / 1_000_000;
}
