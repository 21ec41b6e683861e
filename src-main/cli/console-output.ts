/**
 * What `run` prints: one line per thing worth knowing — status changes, job phases, agent output,
 * notices — human-readable by default, JSON lines with --json. Already redacted upstream.
 */
import type { BridgeEvent } from '../../shared/bridge.ts';
import type { JobOutcome, JobRecord } from '../../shared/job-record.ts';
import type { WorkerSnapshot } from '../../shared/snapshot.ts';
import { visibleLine } from '../../shared/untrusted-text.ts';

export type Printer = (event: BridgeEvent) => void;

export function consolePrinter(
  json: boolean,
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Printer {
  let lastStatus: string | null = null;
  const phases = new Map<string, string>();

  const emit = (kind: string, text: string, fields: Record<string, unknown> = {}) => {
    const at = new Date().toISOString();
    // Issue titles and agent output must not move the cursor or start a forged line of their own.
    write(
      json
        ? JSON.stringify({ at, kind, message: text, ...fields })
        : `${at} ${kind.padEnd(6)} ${visibleLine(text)}`,
    );
  };

  const onSnapshot = (snapshot: WorkerSnapshot) => {
    const status = describeStatus(snapshot);
    if (status !== lastStatus) emit('status', status, { status: snapshot.status });
    lastStatus = status;
    const seen = new Set<string>();
    for (const job of snapshot.jobs) {
      seen.add(job.jobId);
      if (phases.get(job.jobId) === job.phase) continue;
      phases.set(job.jobId, job.phase);
      const issue = job.issue ? `${job.issue.repository}#${job.issue.number}` : job.messageId;
      emit('job', `${job.jobId} ${issue}: ${job.phase}`, {
        jobId: job.jobId,
        phase: job.phase,
        issue: job.issue,
      });
    }
    for (const jobId of phases.keys()) if (!seen.has(jobId)) phases.delete(jobId);
  };

  return (event) => {
    if (event.event === 'snapshot') onSnapshot(event.payload);
    else if (event.event === 'notice')
      emit('notice', `${event.payload.title}: ${event.payload.body}`, { notice: event.payload });
    else if (event.event === 'approvals') {
      for (const view of event.payload)
        emit(
          'approval',
          `awaiting approval: ${view.issue.repository}#${view.issue.number} (job ${view.jobId}) until ${view.expiresAt}; answer in the UI (\`codingworker serve\` or the app)`,
          { jobId: view.jobId },
        );
    }
    // One line per finished job, with where its work went; JSON lines keep their documented kinds.
    else if (event.event === 'jobEnded') {
      if (!json) emit('done', describeEnd(event.payload));
    } else
      for (const line of event.payload.lines)
        emit('log', `[${event.payload.jobId}] ${line.text}`, {
          jobId: event.payload.jobId,
          stream: line.stream,
        });
  };
}

/** "job-1 octo/app#12: pull request opened: https://…", or the outcome and its reason. */
export function describeEnd(record: JobRecord): string {
  const issue = record.issue ? `${record.issue.repository}#${record.issue.number}` : record.messageId;
  const outcome =
    record.outcome === 'succeeded'
      ? record.prUrl
        ? `pull request opened: ${record.prUrl}`
        : 'done'
      : (OUTCOME_WORDS[record.outcome] ?? record.outcome);
  return `${record.jobId} ${issue}: ${outcome}${record.reason ? `: ${record.reason}` : ''}`;
}

const OUTCOME_WORDS: Partial<Record<JobOutcome, string>> = {
  pushed: 'branch pushed',
  duplicate: 'already done',
  'cancelled-upstream': 'nothing to do',
  released: 'put back on the queue',
  retrying: 'will retry',
  failed: 'failed',
  quarantined: 'sent to the DLQ',
};

function describeStatus(snapshot: WorkerSnapshot): string {
  switch (snapshot.status) {
    case 'paused':
      return `paused${snapshot.pause.reason ? ` (${snapshot.pause.reason})` : ''}${snapshot.pause.until ? ` until ${snapshot.pause.until}` : ''}`;
    case 'offline':
      return `offline: ${snapshot.lastError?.message ?? 'unknown error'}${snapshot.retryAt ? `; retrying at ${snapshot.retryAt}` : ''}`;
    case 'idle':
    case 'polling':
      return 'listening';
    default:
      return snapshot.status;
  }
}
