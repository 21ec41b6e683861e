/** A notice's title in the user's language, from its kind and subject. Pure. */
import type { Notice } from '../../shared/notice.ts';
import type { ShellTranslate } from '../../shared/i18n/shell-messages.ts';

export function noticeTitle(notice: Notice, t: ShellTranslate): string {
  const subject = notice.subject ? { subject: notice.subject } : null;
  switch (notice.kind) {
    case 'pr-opened':
      return subject ? t('notice.prOpenedFor', subject) : t('notice.prOpened');
    case 'round-pushed':
      return notice.review?.round
        ? t('notice.roundPushed', { round: notice.review.round, pull: notice.review.pullNumber })
        : t('notice.prOpened');
    case 'job-failed':
      return subject ? t('notice.jobFailedFor', subject) : t('notice.jobFailed');
    case 'dlq-item':
      return t('notice.dlqItem');
    case 'approval-needed':
      return subject ? t('notice.approvalNeededFor', subject) : t('notice.approvalNeeded');
  }
}
