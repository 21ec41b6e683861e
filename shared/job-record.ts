/** The history record of one settled job: what the history list, the CLI and the journal show. */
import type { IssueRef, JobPhase, ReviewRoundRef } from './snapshot.ts';

export type JobOutcome =
  | 'succeeded'
  | 'duplicate'
  | 'cancelled-upstream'
  | 'released'
  | 'retrying'
  | 'failed'
  | 'quarantined'
  /** The work is done and its branch pushed, but no pull request was opened (the sandbox has no GitHub); the reason says why and where the branch is. */
  | 'pushed'
  /** A review round whose agent changed nothing: answered so on the pull request, not retried. */
  | 'no-changes';

export interface PhaseTiming {
  readonly phase: JobPhase;
  readonly ms: number;
}

export interface AgentUsage {
  readonly tokensSent: number | null;
  readonly tokensReceived: number | null;
  /** The session cost Aider reported, in US dollars. */
  readonly costUsd: number | null;
}

export interface JobRecord {
  readonly jobId: string;
  readonly messageId: string;
  readonly issue: IssueRef | null;
  readonly outcome: JobOutcome;
  /** Human-readable why, for every outcome but success. */
  readonly reason: string | null;
  readonly prUrl: string | null;
  readonly branch: string | null;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly phases: readonly PhaseTiming[];
  readonly model: string | null;
  readonly usage: AgentUsage | null;
  readonly receiveCount: number;
  readonly logFile: string | null;
  /** Set for a review round: its pull request and round number. */
  readonly review?: ReviewRoundRef;
  /** The repository's checks before push (issue #14), when it has any. */
  readonly checks?: 'passed' | 'failed';
  /** The maintainer's note the job worked with (retry with a note). */
  readonly note?: string;
}
