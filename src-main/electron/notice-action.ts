/**
 * What clicking a notification does, as a pure function: a PR notification opens the PR (only when
 * the URL passes the allow-check); a failed job opens the app on that job; a DLQ item opens the DLQ.
 */
import type { Notice } from '../../shared/notice.ts';
import { checkExternalUrl, type LinkPolicy } from './url-allow.ts';

export type NoticeAction =
  { readonly kind: 'open-url'; readonly url: string } | { readonly kind: 'show-app'; readonly route: string };

export function noticeClickAction(notice: Notice, policy: LinkPolicy): NoticeAction {
  if ((notice.kind === 'pr-opened' || notice.kind === 'round-pushed') && notice.url) {
    const check = checkExternalUrl(notice.url, policy);
    if (check.ok) return { kind: 'open-url', url: check.url };
  }
  if (notice.kind === 'dlq-item') return { kind: 'show-app', route: 'dlq' };
  if (notice.jobId && /^[A-Za-z0-9_-]{1,100}$/.test(notice.jobId)) {
    return { kind: 'show-app', route: `job/${notice.jobId}` };
  }
  return { kind: 'show-app', route: notice.kind === 'job-failed' ? 'history' : 'now' };
}
