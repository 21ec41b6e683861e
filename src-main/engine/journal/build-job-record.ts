/**
 * The history record of one settled job: what the UI's history list, the CLI and the journal show.
 * Built from how the job was settled and what it reported; pure.
 */
import type { JobOutcome, JobRecord, PhaseTiming } from '../../../shared/job-record.ts';
import type { IssueRef, ReviewRoundRef } from '../../../shared/snapshot.ts';
import type { JobDetails } from '../ports/job.ts';

export interface RecordInput {
  readonly jobId: string;
  readonly messageId: string;
  readonly issue: IssueRef | null;
  /** How the job was settled (decided in worker/settlement/decide.ts). */
  readonly settlement: { readonly outcome: JobOutcome; readonly reason: string | null };
  readonly details: JobDetails | null;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly phases: readonly PhaseTiming[];
  readonly receiveCount: number;
  readonly logFile: string | null;
  /** The round as the running job knew it, for a review round that ended without details. */
  readonly review?: ReviewRoundRef | null;
}

export function buildJobRecord(input: RecordInput): JobRecord {
  const details = input.details ?? {};
  const review = details.review ?? input.review ?? null;
  return {
    jobId: input.jobId,
    messageId: input.messageId,
    issue: details.issue ?? input.issue,
    outcome: input.settlement.outcome,
    reason: input.settlement.reason,
    prUrl: details.prUrl ?? null,
    branch: details.branch ?? null,
    startedAt: new Date(input.startedAt).toISOString(),
    endedAt: new Date(input.endedAt).toISOString(),
    phases: input.phases,
    model: details.model ?? null,
    usage: details.usage ?? null,
    receiveCount: input.receiveCount,
    logFile: input.logFile,
    ...(review ? { review } : {}),
    ...(details.checks ? { checks: details.checks } : {}),
    ...(details.note ? { note: details.note } : {}),
  };
}
