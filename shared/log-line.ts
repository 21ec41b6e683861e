/** One line of a job's log, as the log view streams it. */

export type LogStream = 'stdout' | 'stderr' | 'system';

export interface LogLine {
  /** 1-based line number within the job's log. */
  readonly n: number;
  readonly at: string;
  readonly stream: LogStream;
  readonly text: string;
}
