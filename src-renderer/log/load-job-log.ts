/**
 * The tail of a job's log through getJobLog, page by page: at most `keep` lines, the newest ones,
 * because the view keeps no more than that anyway. No DOM, so it is unit-tested with a fake bridge.
 */
import type { Bridge } from '../../shared/bridge.ts';
import type { LogLine } from '../../shared/log-line.ts';

/** The bridge's largest page. */
export const LOG_PAGE = 50_000;

export interface JobLogTail {
  readonly lines: LogLine[];
  readonly totalLines: number;
  readonly logFile: string | null;
}

export async function loadJobLogTail(
  bridge: Pick<Bridge, 'invoke'>,
  jobId: string,
  keep: number,
  page: number = LOG_PAGE,
): Promise<JobLogTail> {
  const first = await bridge.invoke('getJobLog', { jobId, from: 1, limit: page });
  const total = first.totalLines;
  const start = Math.max(1, total - keep + 1);
  const lines: LogLine[] = start === 1 ? [...first.lines] : [];
  let next = start === 1 ? (first.lines.at(-1)?.n ?? 0) + 1 : start;
  while (next <= total) {
    const more = await bridge.invoke('getJobLog', {
      jobId,
      from: next,
      limit: Math.min(page, total - next + 1),
    });
    const last = more.lines.at(-1);
    if (!last) break;
    for (const line of more.lines) lines.push(line);
    next = last.n + 1;
  }
  return { lines: lines.slice(-keep), totalLines: total, logFile: first.logFile };
}
