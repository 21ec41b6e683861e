/**
 * One job's log: every line redacted, numbered, appended to <jobDir>/job.log and kept in a small
 * tail for failure comments; lines also go to the UI in batches (every `batchMs` or `batchLines`).
 *
 * Memory stays bounded however much the agent prints: the file is written synchronously in
 * chunks of at most `flushBytes`, and the live stream is rate-limited — when the agent is faster
 * than `maxBatchesPerSecond × batchLines`, older lines are left out of the live stream only (the
 * numbers jump; the newest lines always arrive; the file has every line and the UI can page it in).
 *
 * A line is redacted whole, then capped at MAX_LINE_CHARS (redacting first means a secret that
 * straddles the cut is still recognised).
 *
 * File format, one line per log line: "<ISO time> <stream> <text>".
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogLine, LogStream } from '../../../shared/log-line.ts';
import type { JobLog } from '../ports/job.ts';
import { visibleLine } from '../../../shared/untrusted-text.ts';
import type { Redactor } from '../security/redact.ts';

/** Every INDEX_STEP lines the byte offset is remembered, so a page deep in a big log is found fast. */
export const INDEX_STEP = 10_000;

/** Longest line kept in the file, the tail and the UI; the rest is cut off with a note. */
export const MAX_LINE_CHARS = 4000;

/** The note a cut line ends with (the agent's line splitter writes the same). */
const CUT_NOTE = / … \[line cut: (\d{1,15}) more characters\]$/;

/**
 * Caps a line at `max` characters and says how much was cut. Run it on redacted text only: a
 * secret straddling the cut would otherwise leave its first half unrecognisable.
 */
export function capLine(text: string, max = MAX_LINE_CHARS): string {
  if (text.length <= max) return text;
  const note = CUT_NOTE.exec(text);
  const body = note ? text.slice(0, note.index) : text;
  const earlier = note ? Number(note[1]) : 0;
  if (body.length <= max) return text;
  // Do not split a surrogate pair.
  const end = /[\ud800-\udbff]/.test(body[max - 1] ?? '') ? max - 1 : max;
  return `${body.slice(0, end)} … [line cut: ${body.length - end + earlier} more characters]`;
}

export interface JobLogOptions {
  readonly jobId: string;
  readonly path: string;
  readonly redactor: Redactor;
  readonly onLines: (jobId: string, lines: LogLine[]) => void;
  readonly batchMs?: number;
  readonly batchLines?: number;
  readonly maxBatchesPerSecond?: number;
  readonly tailLines?: number;
  readonly flushBytes?: number;
  readonly now?: () => number;
  /** Called once the log is closed, with its final size (for the journal's index). */
  readonly onClose?: (meta: LogMeta) => void;
}

export interface LogMeta {
  readonly totalLines: number;
  /** Byte offset of line k·INDEX_STEP + 1, for k = 0, 1, … */
  readonly index: readonly number[];
}

export class FileJobLog implements JobLog {
  readonly path: string;
  readonly #options: JobLogOptions;
  readonly #fd: number;
  readonly #tail: string[] = [];
  readonly #tailMax: number;
  readonly #index: number[] = [0];
  #fileChunks: string[] = [];
  #fileBytes = 0;
  #writtenBytes = 0;
  #events: LogLine[] = [];
  #count = 0;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  #windowStart = 0;
  #batchesInWindow = 0;
  #lastMs = -1;
  #lastIso = '';

  constructor(options: JobLogOptions) {
    this.#options = options;
    this.path = options.path;
    this.#tailMax = options.tailLines ?? 200;
    mkdirSync(dirname(options.path), { recursive: true, mode: 0o700 });
    this.#fd = openSync(options.path, 'a', 0o600);
  }

  /** Lines written so far. */
  get totalLines(): number {
    return this.#count;
  }

  get meta(): LogMeta {
    return { totalLines: this.#count, index: [...this.#index] };
  }

  write(stream: LogStream, text: string): void {
    if (this.#closed) return;
    const lines = text.includes('\n') ? text.split('\n') : [text];
    for (const raw of lines) {
      this.#append(stream, capLine(visibleLine(this.#options.redactor.redact(raw.replace(/\r/g, '')))));
    }
    if (this.#fileBytes >= (this.#options.flushBytes ?? 64 * 1024)) this.#flushFile();
    if (this.#events.length >= (this.#options.batchLines ?? 500)) this.#flushEvents(false);
    this.#armTimer();
  }

  tail(lines: number): readonly string[] {
    return this.#tail.slice(-lines);
  }

  /** Writes pending lines to the file and sends pending live lines (within the live budget). */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#flushFile();
    this.#flushEvents(false);
    if (this.#events.length > 0) this.#armTimer();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#flushFile();
    this.#flushEvents(true);
    this.#closed = true;
    closeSync(this.#fd);
    const meta = this.meta;
    writeFileSync(`${this.path}.meta.json`, JSON.stringify(meta), { mode: 0o600 });
    this.#options.onClose?.(meta);
  }

  #armTimer(): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setTimeout(() => this.flush(), this.#options.batchMs ?? 100);
    this.#timer.unref();
  }

  #append(stream: LogStream, text: string): void {
    const n = ++this.#count;
    const at = this.#isoNow();
    const line = `${at} ${stream} ${text}\n`;
    if (n % INDEX_STEP === 1 && n > 1) this.#index.push(this.#writtenBytes + this.#fileBytes);
    this.#fileChunks.push(line);
    this.#fileBytes += Buffer.byteLength(line);
    this.#tail.push(text);
    if (this.#tail.length > this.#tailMax * 2) this.#tail.splice(0, this.#tail.length - this.#tailMax);
    this.#events.push({ n, at, stream, text });
  }

  #flushFile(): void {
    if (this.#fileChunks.length === 0) return;
    const data = this.#fileChunks.join('');
    this.#fileChunks = [];
    this.#writtenBytes += this.#fileBytes;
    this.#fileBytes = 0;
    writeSync(this.#fd, data);
  }

  #flushEvents(final: boolean): void {
    if (this.#events.length === 0) return;
    const now = (this.#options.now ?? Date.now)();
    if (now - this.#windowStart >= 1000) {
      this.#windowStart = now;
      this.#batchesInWindow = 0;
    }
    const batchLines = this.#options.batchLines ?? 500;
    if (!final && this.#batchesInWindow >= (this.#options.maxBatchesPerSecond ?? 20)) {
      // Over the live budget: only the newest lines wait for the next batch; older ones are in the
      // file only (the UI sees the numbers jump and can page them in).
      if (this.#events.length >= batchLines * 2) this.#events = this.#events.slice(-batchLines);
      return;
    }
    this.#batchesInWindow++;
    const batch = this.#events;
    this.#events = [];
    this.#options.onLines(this.#options.jobId, batch);
  }

  #isoNow(): string {
    const ms = (this.#options.now ?? Date.now)();
    if (ms !== this.#lastMs) {
      this.#lastMs = ms;
      this.#lastIso = new Date(ms).toISOString();
    }
    return this.#lastIso;
  }
}

/**
 * Parses one line of the file format back into a LogLine. The text is capped again, for logs
 * written before lines were capped.
 */
export function parseLogLine(n: number, line: string): LogLine {
  const first = line.indexOf(' ');
  const second = first < 0 ? -1 : line.indexOf(' ', first + 1);
  if (first < 0 || second < 0) return { n, at: '', stream: 'system', text: capLine(line) };
  const stream = line.slice(first + 1, second);
  return {
    n,
    at: line.slice(0, first),
    stream: stream === 'stdout' || stream === 'stderr' ? stream : 'system',
    text: capLine(line.slice(second + 1)),
  };
}
