/**
 * The journal on disk: one log file per job (<dataDir>/jobs/<jobId>/job.log) and the bounded job
 * history (<dataDir>/history.jsonl). Implements the JobJournal the consumer uses, plus reading for
 * the UI: the history, and pages of any job's log (running or finished).
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { JobRecord } from '../../../shared/job-record.ts';
import type { LogLine } from '../../../shared/log-line.ts';
import type { JobJournal, JobLog } from '../ports/job.ts';
import type { Redactor } from '../security/redact.ts';
import { HistoryStore } from './history-store.ts';
import { FileJobLog, INDEX_STEP, parseLogLine, type LogMeta } from './job-log-file.ts';
import { JOB_LOG_NAME, jobDirectory } from './job-paths.ts';

export interface JournalOptions {
  readonly dataDir: string;
  readonly redactor: Redactor;
  /** Receives each job's log lines in batches, for the UI. */
  readonly onLines: (jobId: string, lines: LogLine[]) => void;
  /** Records kept in the history. Default 500. */
  readonly maxRecords?: number;
  /** Live batching: every `batchMs` (default 100) or `batchLines` (default 500) lines. */
  readonly batchMs?: number;
  readonly batchLines?: number;
  /** Live batches per second per job, beyond which lines go to the file only. Default 20. */
  readonly maxBatchesPerSecond?: number;
  /**
   * Most bytes of line text in one readLog page. Default 4 MiB: a page of long lines ends early
   * (at least one line is always returned) and the caller asks for the next one.
   */
  readonly maxPageBytes?: number;
}

export interface JobLogPage {
  readonly lines: LogLine[];
  readonly totalLines: number;
  readonly logFile: string | null;
}

export interface Journal extends JobJournal {
  list(limit: number): Promise<JobRecord[]>;
  /**
   * Lines from..from+limit-1 (1-based) of a job's log, or fewer when they would exceed the page's
   * byte budget: page on from the last line returned.
   */
  readLog(jobId: string, from: number, limit: number): Promise<JobLogPage>;
  /** The job's folder (log, prompt, agent history files). */
  jobDir(jobId: string): string;
}

export function createJournal(options: JournalOptions): Journal {
  const history = new HistoryStore(join(options.dataDir, 'history.jsonl'), options.maxRecords ?? 500);
  const open = new Map<string, FileJobLog>();

  const logPath = (jobId: string) => join(jobDirectory(options.dataDir, jobId), JOB_LOG_NAME);

  return {
    jobDir: (jobId) => jobDirectory(options.dataDir, jobId),

    openLog(jobId: string): JobLog {
      const log = new FileJobLog({
        jobId,
        path: logPath(jobId),
        redactor: options.redactor,
        onLines: options.onLines,
        batchMs: options.batchMs,
        batchLines: options.batchLines,
        maxBatchesPerSecond: options.maxBatchesPerSecond,
        onClose: () => {
          if (open.get(jobId) === log) open.delete(jobId);
        },
      });
      open.set(jobId, log);
      return log;
    },

    record: (record) => history.record(record),
    list: (limit) => history.list(limit),

    async readLog(jobId, from, limit) {
      const path = logPath(jobId);
      const live = open.get(jobId);
      live?.flush();
      const meta: LogMeta | null = live ? live.meta : await readMeta(path);
      const exists = await stat(path).then(
        () => true,
        () => false,
      );
      if (!exists) return { lines: [], totalLines: 0, logFile: null };
      const start = Math.max(1, Math.floor(from));
      const budget = options.maxPageBytes ?? DEFAULT_PAGE_BYTES;
      const { lines, counted } = await readLines(path, start, Math.max(0, limit), meta, !meta, budget);
      return { lines, totalLines: meta?.totalLines ?? counted, logFile: path };
    },
  };
}

export const DEFAULT_PAGE_BYTES = 4 * 1024 * 1024;

async function readMeta(path: string): Promise<LogMeta | null> {
  try {
    const value = JSON.parse(await readFile(`${path}.meta.json`, 'utf8')) as LogMeta;
    return typeof value.totalLines === 'number' && Array.isArray(value.index) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Reads a page, starting at the nearest indexed offset. Without an index (a log from a crashed
 * run) it reads from the top and, when `countAll`, on to the end to count the lines.
 */
async function readLines(
  path: string,
  from: number,
  limit: number,
  meta: LogMeta | null,
  countAll: boolean,
  maxBytes: number,
) {
  const block = meta ? Math.min(Math.floor((from - 1) / INDEX_STEP), meta.index.length - 1) : 0;
  const offset = meta ? (meta.index[block] ?? 0) : 0;
  let n = meta ? block * INDEX_STEP : 0;
  const lines: LogLine[] = [];
  let bytes = 0;
  let full = limit <= 0;
  const stream = createReadStream(path, { start: offset, encoding: 'utf8' });
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of reader) {
      n++;
      if (n >= from && !full) {
        const parsed = parseLogLine(n, line);
        const size = Buffer.byteLength(parsed.text) + 64;
        if (lines.length > 0 && bytes + size > maxBytes) full = true;
        else {
          lines.push(parsed);
          bytes += size;
          if (lines.length >= limit) full = true;
        }
      }
      if (full && !countAll) break;
    }
  } finally {
    reader.close();
    stream.destroy();
  }
  return { lines, counted: n };
}
