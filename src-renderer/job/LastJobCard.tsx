/**
 * How the last job ended, on the Now tab until the next one starts: outcome, issue, reason, when,
 * and its pull request when there is one on the configured server.
 * data-testid: last-job (data-job-id, data-outcome), last-job-reason, last-job-pr-link.
 */
import type { JobRecord } from '../../shared/job-record.ts';
import { ExternalLink } from '../common/ExternalLink.tsx';
import { checkedGitHubUrl } from '../common/links.ts';
import { formatWhen } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.ts';

export function LastJobCard({ record, serverUrl }: { record: JobRecord; serverUrl: string }) {
  const { t, locale } = useI18n();
  const pr = checkedGitHubUrl(record.prUrl, serverUrl);
  return (
    <section
      className="card last-job"
      aria-label={t('lastJob.title')}
      data-testid="last-job"
      data-job-id={record.jobId}
      data-outcome={record.outcome}
    >
      <h2 className="section-title">{t('lastJob.title')}</h2>
      <p className="row-title">
        <span className={`badge outcome-${record.outcome}`}>{t(`outcome.${record.outcome}`)}</span>{' '}
        {record.issue ? `#${record.issue.number} ${record.issue.title}` : t('job.unknownIssue')}
      </p>
      {record.issue && <p className="muted">{record.issue.repository}</p>}
      {record.reason && (
        <p className="reason" data-testid="last-job-reason">
          {record.reason}
        </p>
      )}
      <p className="muted meta">
        {t('lastJob.ended', { when: formatWhen(record.endedAt, Date.now(), locale) })}
      </p>
      {pr && (
        <ExternalLink href={pr} testId="last-job-pr-link">
          {t('history.pullRequest')}
        </ExternalLink>
      )}
    </section>
  );
}
