/** The notice a settled job tells the user about, if any. Pure. */
import type { Notice } from '../../../shared/notice.ts';
import { plainLabel } from '../../../shared/untrusted-text.ts';
import type { IssueRef } from '../../../shared/snapshot.ts';
import type { JobDetails } from '../ports/job.ts';
import type { Settlement } from './settlement/decide.ts';

export function noticeFor(options: {
  readonly jobId: string;
  readonly settlement: Settlement;
  readonly issue: IssueRef | null;
  readonly details: JobDetails | null;
  /** https://github.com, for links to the issue. */
  readonly serverUrl: string;
}): Notice | null {
  const { jobId, settlement, issue, details } = options;
  const label = issue ? `${issue.repository}#${issue.number}` : null;
  const round = details?.review;
  if (settlement.notice === 'pr-opened' && details?.prUrl && round?.round) {
    return {
      kind: 'round-pushed',
      subject: label,
      title: `Pushed round ${round.round} to PR #${round.pullNumber}`,
      body: issue?.title ?? details.prUrl,
      url: details.prUrl,
      jobId,
      review: round,
    };
  }
  if (settlement.notice === 'pr-opened' && details?.prUrl) {
    return {
      kind: 'pr-opened',
      subject: label,
      title: `Pull request opened${label ? ` for ${label}` : ''}`,
      body: issue?.title ? plainLabel(issue.title) : details.prUrl,
      url: details.prUrl,
      jobId,
    };
  }
  if (settlement.notice === 'job-failed') {
    return {
      kind: 'job-failed',
      subject: label,
      title: label ? `Job failed: ${label}` : 'A task message was quarantined',
      body: plainLabel(settlement.reason ?? settlement.outcome),
      url: issue ? `${options.serverUrl}/${issue.repository}/issues/${issue.number}` : null,
      jobId,
    };
  }
  return null;
}
