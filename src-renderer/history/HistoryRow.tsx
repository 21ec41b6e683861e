/**
 * One finished job. A review round (nested under its issue and pull request) is titled by its
 * round instead of the issue.
 * data-testid: history-item (data-job-id, data-outcome, data-round), history-open, history-pr-link.
 */
import type { JobRecord } from '../../shared/records.ts';
import { ExternalLink } from '../common/ExternalLink.tsx';
import { checkedGitHubUrl } from '../common/links.ts';
import { formatCost, formatCount, formatElapsed, formatWhen } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.ts';

export function HistoryRow({
  record,
  serverUrl,
  onOpen,
}: {
  record: JobRecord;
  serverUrl: string;
  onOpen: () => void;
}) {
  const { t, locale } = useI18n();
  const pr = checkedGitHubUrl(record.prUrl, serverUrl);
  const duration = Date.parse(record.endedAt) - Date.parse(record.startedAt);
  const usage = record.usage;
  const tokens = usage ? (usage.tokensSent ?? 0) + (usage.tokensReceived ?? 0) : 0;
  const review = record.review;
  const title = review
    ? review.round === null
      ? t('history.roundPending')
      : t('history.round', { round: review.round })
    : record.issue
      ? `#${record.issue.number} ${record.issue.title}`
      : t('job.unknownIssue');
  return (
    <li
      className="card row"
      data-testid="history-item"
      data-job-id={record.jobId}
      data-outcome={record.outcome}
      {...(review?.round ? { 'data-round': review.round } : {})}
    >
      <div className="row-main">
        <p className="row-title">
          <span className={`badge outcome-${record.outcome}`}>
            {review && record.outcome === 'succeeded'
              ? t('history.roundPushed')
              : t(`outcome.${record.outcome}`)}
          </span>{' '}
          <button type="button" className="link" onClick={onOpen} data-testid="history-open">
            {title}
          </button>
        </p>
        {record.issue && !review && <p className="muted">{record.issue.repository}</p>}
        {record.reason && <p className="reason">{record.reason}</p>}
        <p className="muted meta">
          {formatWhen(record.endedAt, Date.now(), locale)}
          {Number.isFinite(duration) && <> · {t('history.took', { duration: formatElapsed(duration) })}</>}
          {tokens > 0 && <> · {t('history.tokens', { count: formatCount(tokens, locale) })}</>}
          {usage?.costUsd != null && <> · {formatCost(usage.costUsd, locale)}</>}
        </p>
      </div>
      <div className="row-actions">
        {pr && (
          <ExternalLink href={pr} testId="history-pr-link">
            {t('history.pullRequest')}
          </ExternalLink>
        )}
      </div>
    </li>
  );
}
