/**
 * Approve before push (issue #14): what a job waiting at the gate shows the user, and what the
 * user can answer. Plain shapes shared by the engine, the bridge and the UI.
 */
import type { AgentUsage } from './job-record.ts';
import type { IssueRef } from './snapshot.ts';

export interface ChangedFile {
  readonly path: string;
  /** Lines added and removed; null for a binary file. */
  readonly added: number | null;
  readonly removed: number | null;
}

export interface ApprovalView {
  readonly jobId: string;
  readonly issue: IssueRef;
  readonly branch: string;
  readonly files: readonly ChangedFile[];
  readonly linesAdded: number;
  readonly linesRemoved: number;
  /** 'none' when the repository has no checks configured. */
  readonly checks: 'passed' | 'failed' | 'none';
  /** One line about the checks, e.g. "failed: the check command `npm test` exited with code 1". */
  readonly checksSummary: string | null;
  readonly usage: AgentUsage | null;
  /** The maintainer's note this round worked with, if any. */
  readonly note: string | null;
  readonly waitingSince: string;
  /** When the message is released if nobody answers. */
  readonly expiresAt: string;
}

/** The user's answer at the gate. */
export type ApprovalAnswer =
  | { readonly kind: 'push' }
  | { readonly kind: 'discard' }
  | { readonly kind: 'retry'; readonly note: string; readonly model?: string };
