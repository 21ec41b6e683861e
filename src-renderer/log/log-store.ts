/**
 * Job logs in the UI: a bounded buffer per job, fed by the bridge's 'log' events and by getJobLog
 * for the lines written before the window opened or while the connection was down (fetched again
 * when it comes back). Lines are kept in order of their number `n`, each at most once. Only the few
 * most recent jobs are kept, plus every job that is running. React reads it through `version`.
 */
import type { LogLine } from '../../shared/log-line.ts';
import { RingBuffer } from './ring-buffer.ts';

/** Lines kept per job: enough for the longest agent session, bounded for memory (~200k × ~100 B). */
export const LINES_PER_JOB = 200_000;
/** Jobs whose logs stay in memory, besides the running ones (those are never dropped). */
export const JOBS_KEPT = 4;

export class LogStore {
  readonly #capacity: number;
  readonly #jobsKept: number;
  readonly #buffers = new Map<string, RingBuffer<LogLine>>();
  readonly #listeners = new Set<() => void>();
  #running: ReadonlySet<string> = new Set();
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

  /**
   * Lines from getJobLog (the history, or what was written while the connection was down): merged
   * by line number wherever they fall, each line once, in order. Sorted input is not required.
   */
  merge(jobId: string, fetched: readonly LogLine[]): void {
    const buffer = this.#buffer(jobId);
    const kept = buffer.slice();
    const known = new Set(kept.map((line) => line.n));
    const fresh = fetched.filter((line) => !known.has(line.n) && known.add(line.n));
    if (fresh.length === 0) return;
    fresh.sort((a, b) => a.n - b.n);
    const lastKept = kept.at(-1)?.n ?? Number.NEGATIVE_INFINITY;
    if (fresh[0]!.n > lastKept) {
      buffer.pushAll(fresh);
    } else {
      const merged: LogLine[] = [];
      let i = 0;
      let j = 0;
      while (i < kept.length || j < fresh.length) {
        if (j >= fresh.length || (i < kept.length && kept[i]!.n < fresh[j]!.n)) merged.push(kept[i++]!);
        else merged.push(fresh[j++]!);
      }
      buffer.clear();
      buffer.pushAll(merged);
    }
    this.#changed();
  }

  /** The jobs running now (from the snapshot): their logs are never dropped to make room. */
  setRunning(jobIds: Iterable<string>): void {
    this.#running = new Set(jobIds);
    this.#evict();
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
    this.#evict(jobId);
    return buffer;
  }

  /** Drops the least recently used logs of jobs not running, down to `jobsKept` (if it can). */
  #evict(keep?: string): void {
    let excess = this.#buffers.size - this.#jobsKept;
    if (excess <= 0) return;
    for (const jobId of [...this.#buffers.keys()]) {
      if (excess <= 0) break;
      if (jobId === keep || this.#running.has(jobId)) continue;
      this.#buffers.delete(jobId);
      excess -= 1;
    }
  }

  #changed(): void {
    this.#version += 1;
    for (const listener of this.#listeners) listener();
  }
}
