/**
 * The job history: a bounded list of JobRecords in a JSON Lines file. Each record is one appended
 * line (a crash can tear at most the last line, which is skipped on reading); when the file holds
 * twice the limit it is compacted into a temporary file renamed over the old one.
 */
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { JobRecord } from '../../../shared/job-record.ts';

export class HistoryStore {
  readonly #path: string;
  readonly #max: number;
  #records: JobRecord[] | null = null;
  #lines = 0;
  /** The file ends in a torn line (a crash mid-append): start the next record on a new line. */
  #torn = false;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(path: string, maxRecords = 500) {
    this.#path = path;
    this.#max = Math.max(1, maxRecords);
  }

  /** Appends a record (a record with the same jobId replaces the earlier one in listings). */
  record(record: JobRecord): Promise<void> {
    return this.#serial(async () => {
      const records = await this.#load();
      await mkdir(dirname(this.#path), { recursive: true, mode: 0o700 });
      await appendFile(this.#path, `${this.#torn ? '\n' : ''}${JSON.stringify(record)}\n`, { mode: 0o600 });
      this.#torn = false;
      this.#lines++;
      const kept = records.filter((r) => r.jobId !== record.jobId);
      kept.push(record);
      this.#records = kept.slice(-this.#max);
      if (this.#lines > this.#max * 2) await this.#compact();
    });
  }

  /** The newest records first. */
  list(limit: number): Promise<JobRecord[]> {
    return this.#serial(async () => (await this.#load()).slice(-limit).reverse());
  }

  async #compact(): Promise<void> {
    const records = this.#records ?? [];
    const temp = `${this.#path}.${process.pid}.tmp`;
    await writeFile(temp, records.map((r) => `${JSON.stringify(r)}\n`).join(''), { mode: 0o600 });
    await rename(temp, this.#path);
    this.#lines = records.length;
    this.#torn = false;
  }

  async #load(): Promise<JobRecord[]> {
    if (this.#records) return this.#records;
    const text = await readFile(this.#path, 'utf8').catch(() => '');
    this.#torn = text.length > 0 && !text.endsWith('\n');
    const byJob = new Map<string, JobRecord>();
    let lines = 0;
    for (const line of text.split('\n')) {
      if (line.trim().length === 0) continue;
      lines++;
      const record = parseRecord(line);
      if (!record) continue;
      byJob.delete(record.jobId);
      byJob.set(record.jobId, record);
    }
    this.#lines = lines;
    this.#records = [...byJob.values()].slice(-this.#max);
    return this.#records;
  }

  #serial<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(operation, operation);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}

function parseRecord(line: string): JobRecord | null {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value === 'object' && value !== null && typeof (value as JobRecord).jobId === 'string') {
      return value as JobRecord;
    }
  } catch {
    // A torn last line after a crash: skip it.
  }
  return null;
}
