/**
 * The guardrails (issue #14) as the app's bridge uses them: the approval board, today's spend,
 * and sending a job's issue back with a note. Assembled in build-worker-app.ts.
 */
import type { ApprovalAnswer, ApprovalView } from '../../../shared/approval.ts';
import type { SpendView } from '../../../shared/snapshot.ts';
import type { RetryNote } from '../retry/retry-message.ts';

export interface GuardrailsPort {
  approvals(): readonly ApprovalView[];
  approvalDiff(jobId: string): string | null;
  /** False when the job is not (or no longer) waiting. */
  decide(jobId: string, answer: ApprovalAnswer): boolean;
  onApprovals(listener: (views: readonly ApprovalView[]) => void): () => void;
  spend(): SpendView;
  /** Sends the issue of a job in History back to the queue with the note; false when unknown. */
  retryJob(jobId: string, retry: RetryNote): Promise<boolean>;
}
