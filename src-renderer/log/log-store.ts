/**
 * Job logs in the UI: a bounded buffer per job, fed by the bridge's 'log' events and by getJobLog
 * for the lines written before the window opened. Lines are kept in order of their number `n`, each
 * at most once. Only the few most recent jobs are kept. React reads it through `version`.
 */
import type { LogLine } from '../../shared/records.ts';
import { RingBuffer } from './ring-buffer.ts';

/** Lines kept per job: enough for the longest agent session, bounded for memory (~200k × ~100 B). */
export const LINES_PER_JOB = 200_000;
/** Jobs whose logs stay in memory. */
export const JOBS_KEPT = 4;

export class LogStore {
  readonly #capacity: number;
  readonly #jobsKept: number;
  readonly #buffers = new Map<string, RingBuffer<LogLine>>();
  readonly #listeners = new Set<() => void>();
  #version = 0;

  constructor(options: { capacity?: number; jobsKept?: number } = {}) {
    this.#capacity = options.capacity ?? LINES_PER_JOB;
    this.#jobsKept = options.jobsKept ?? JOBS_KEPT;
  }

  get version(): number {
    return this.#version;
  }

  lines(jobId: string): RingBuffer<LogLine> | undefined {
    return this.#buffers.get(jobId);
  }

  /** Live lines: appended in order; any line at or before the last one kept is a duplicate. */
  append(jobId: string, lines: readonly LogLine[]): void {
    const buffer = this.#buffer(jobId);
    const lastN = buffer.last()?.n ?? 0;
    let added = false;
    let previous = lastN;
    for (const line of lines) {
      if (line.n <= previous) continue;
      buffer.push(line);
      previous = line.n;
      added = true;
    }
    if (added) this.#changed();
  }

  /** Earlier lines from getJobLog: merged before (and deduplicated against) what streamed in. */
  prepend(jobId: string, history: readonly LogLine[]): void {
    const buffer = this.#buffer(jobId);
    const live = buffer.slice();
    const firstLive = live[0]?.n ?? Number.POSITIVE_INFINITY;
    const older: LogLine[] = [];
    let previous = 0;
    for (const line of history) {
      if (line.n >= firstLive || line.n <= previous) continue;
      older.push(line);
      previous = line.n;
    }
    if (older.length === 0) return;
    buffer.clear();
    buffer.pushAll(older);
    buffer.pushAll(live);
    this.#changed();
  }

  /** For useSyncExternalStore: bound, so it can be passed as is. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getVersion = (): number => this.#version;

  #buffer(jobId: string): RingBuffer<LogLine> {
    let buffer = this.#buffers.get(jobId);
    if (buffer) {
      // Most recently used last, so the oldest job is the first one dropped.
      this.#buffers.delete(jobId);
    } else {
      buffer = new RingBuffer<LogLine>(this.#capacity);
    }
    this.#buffers.set(jobId, buffer);
    while (this.#buffers.size > this.#jobsKept) {
      const oldest = this.#buffers.keys().next().value as string;
      this.#buffers.delete(oldest);
    }
    return buffer;
  }

  #changed(): void {
    this.#version += 1;
    for (const listener of this.#listeners) listener();
  }
}
