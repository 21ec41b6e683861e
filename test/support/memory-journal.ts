/** An in-memory JobJournal for tests: keeps every record and every job's log lines. */
import type { JobRecord } from '../../shared/job-record.ts';
import type { LogStream } from '../../shared/log-line.ts';
import type { JobJournal, JobLog } from '../../src-main/engine/ports/job.ts';

export interface MemoryLogLine {
  readonly stream: LogStream;
  readonly text: string;
}

export class MemoryJobLog implements JobLog {
  readonly lines: MemoryLogLine[] = [];
  readonly path: string;
  closed = false;
  readonly #failing: () => boolean;

  constructor(jobId: string, failing: () => boolean = () => false) {
    this.path = `memory://${jobId}.log`;
    this.#failing = failing;
  }

  write(stream: LogStream, text: string): void {
    if (this.#failing())
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    this.lines.push({ stream, text });
  }

  tail(lines: number): readonly string[] {
    return this.lines.slice(-lines).map((line) => line.text);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  text(): string {
    return this.lines.map((line) => line.text).join('\n');
  }
}

export class MemoryJournal implements JobJournal {
  readonly records: JobRecord[] = [];
  readonly logs = new Map<string, MemoryJobLog>();
  /** While true, every log write fails as on a full disk. */
  failLogWrites = false;

  openLog(jobId: string): JobLog {
    const log = new MemoryJobLog(jobId, () => this.failLogWrites);
    this.logs.set(jobId, log);
    return log;
  }

  async record(record: JobRecord): Promise<void> {
    this.records.push(record);
  }
}
