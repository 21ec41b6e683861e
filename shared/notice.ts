/** Something the user should hear about. */
import type { ReviewRoundRef } from './snapshot.ts';

export type NoticeKind = 'pr-opened' | 'round-pushed' | 'job-failed' | 'dlq-item' | 'approval-needed';

/** The Electron shell shows it as a native notification. */
export interface Notice {
  readonly kind: NoticeKind;
  /** What it is about, e.g. "octo/app#12", so the shell can word the title in the user's language. */
  readonly subject: string | null;
  /** English title, for places without the catalogue (logs, `run`). */
  readonly title: string;
  readonly body: string;
  readonly url: string | null;
  readonly jobId: string | null;
  /** For 'round-pushed': which pull request, which round. */
  readonly review?: ReviewRoundRef;
}
