/**
 * How a failure inside a job becomes its result: a JobFailure says so itself; GitHub errors are
 * retryable or not by their status; git, workspace and unknown errors are worth another try; a
 * stop (cancel, lease lost, shutdown) is reported with the stop's own reason.
 */
import { GitHubError, isAbortError } from '../github/github-errors.ts';
import { isStopReason } from '../ports/job.ts';
import { GitError } from '../workspace/git.ts';
import { WorkspaceBusyError } from '../workspace/workspaces.ts';
import { describeError } from '../../../shared/describe-error.ts';

export class JobFailure extends Error {
  readonly kind: 'retry' | 'permanent';
  constructor(kind: 'retry' | 'permanent', reason: string) {
    super(reason);
    this.name = 'JobFailure';
    this.kind = kind;
  }
}

export interface ClassifiedFailure {
  readonly kind: 'retry' | 'permanent';
  readonly reason: string;
  /** The job was told to stop: nothing may be written to GitHub any more. */
  readonly stopped: boolean;
}

/**
 * `signal` is the job's own (cancel, lease lost, shutdown); `deadline` fires at the job's time limit.
 */
export function classifyFailure(
  error: unknown,
  signal: AbortSignal,
  deadline?: AbortSignal,
): ClassifiedFailure {
  if (signal.aborted) {
    const why = isStopReason(signal.reason) ? signal.reason.message : 'the job was stopped';
    return { kind: 'retry', reason: `stopped before finishing: ${why}`, stopped: true };
  }
  if (deadline?.aborted && !(error instanceof JobFailure)) {
    return { kind: 'retry', reason: 'the job reached its time limit', stopped: false };
  }
  if (error instanceof JobFailure) return { kind: error.kind, reason: error.message, stopped: false };
  if (error instanceof GitHubError) {
    return { kind: error.retryable ? 'retry' : 'permanent', reason: error.message, stopped: false };
  }
  if (error instanceof WorkspaceBusyError) return { kind: 'retry', reason: error.message, stopped: false };
  if (error instanceof GitError) return { kind: 'retry', reason: error.message, stopped: false };
  if (isAbortError(error)) return { kind: 'retry', reason: 'an operation timed out', stopped: false };
  const message = describeError(error);
  return { kind: 'retry', reason: `unexpected error: ${message}`, stopped: false };
}
