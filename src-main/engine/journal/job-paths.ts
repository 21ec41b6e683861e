/** Where a job's files live under the data folder. Ids become path segments that cannot escape. */
import { join } from 'node:path';

/** A path segment made from any text: only [A-Za-z0-9._-], no leading dot or "..", at most 120 chars. */
export function safePathSegment(text: string): string {
  const cleaned = text
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/\.{2,}/g, '_')
    .replace(/^\./, '_');
  return cleaned.slice(0, 120) || '_';
}

/** <dataDir>/jobs/<jobId>: the job's log, prompt and the agent's history files. */
export function jobDirectory(dataDir: string, jobId: string): string {
  return join(dataDir, 'jobs', safePathSegment(jobId));
}

export const JOB_LOG_NAME = 'job.log';
