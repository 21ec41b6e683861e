/**
 * One running job: its issue (linked), phase, elapsed time, lease health, and cancel.
 * data-testid: current-job (data-job-id), job-issue-link, job-phase (data-phase), job-elapsed,
 * job-lease (data-state), job-stopping, job-review (a review round), and CancelJob's.
 */
import type { JobView, WorkerSnapshot } from '../../shared/snapshot.ts';
import { ExternalLink } from '../common/ExternalLink.tsx';
import { issueUrl, serverUrlOf } from '../common/links.ts';
import { useNow } from '../common/use-now.ts';
import { formatElapsed } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.ts';
import { CancelJob } from './CancelJob.tsx';
import { leaseHealth } from './lease-health.ts';

export function JobCard({
  job,
  snapshot,
  selected,
  onSelect,
}: {
  job: JobView;
  snapshot: WorkerSnapshot;
  selected: boolean;
  onSelect?: () => void;
}) {
  const { t } = useI18n();
  const now = useNow(1000);
  const lease = leaseHealth(job.lease, now);
  const link = job.issue ? issueUrl(serverUrlOf(snapshot), job.issue) : null;
  const seconds = (ms: number | null) => (ms === null ? '—' : formatElapsed(Math.max(0, ms)));

  return (
    <article
      className={`card job-card${selected ? ' selected' : ''}`}
      data-testid="current-job"
      data-job-id={job.jobId}
    >
      <header className="card-header">
        {job.issue ? (
          <h2 className="job-title">
            {link ? (
              <ExternalLink href={link} testId="job-issue-link">
                #{job.issue.number} {job.issue.title}
              </ExternalLink>
            ) : (
              <span>
                #{job.issue.number} {job.issue.title}
              </span>
            )}
          </h2>
        ) : (
          <h2 className="job-title">{t('job.unknownIssue')}</h2>
        )}
        {job.issue && <p className="muted repo">{job.issue.repository}</p>}
        {job.review && (
          <p className="job-review" data-testid="job-review">
            {job.review.round === null
              ? t('job.reviewPending', { pull: job.review.pullNumber })
              : t('job.review', { pull: job.review.pullNumber, round: job.review.round })}
          </p>
        )}
      </header>
      <dl className="facts">
        <dt>{t('job.phase')}</dt>
        <dd data-testid="job-phase" data-phase={job.phase}>
          {t(`phase.${job.phase}`)}
        </dd>
        <dt>{t('job.elapsed')}</dt>
        <dd data-testid="job-elapsed">{formatElapsed(now - Date.parse(job.startedAt))}</dd>
        <dt>{t('job.lease')}</dt>
        <dd data-testid="job-lease" data-state={lease.state} className={`lease lease-${lease.state}`}>
          {t(`lease.${lease.state}`, {
            heartbeat: seconds(lease.nextHeartbeatIn),
            expires: seconds(lease.expiresIn),
          })}
        </dd>
        {job.receiveCount > 1 && (
          <>
            <dt>{t('job.attempt')}</dt>
            <dd>{t('job.attemptValue', { count: job.receiveCount })}</dd>
          </>
        )}
      </dl>
      {job.stopping ? (
        <p className="stopping" role="status" data-testid="job-stopping">
          {t('job.stopping', { reason: job.stopping })}
        </p>
      ) : (
        <CancelJob jobId={job.jobId} />
      )}
      {onSelect && !selected && (
        <button type="button" className="link" onClick={onSelect} data-testid="job-show-log">
          {t('job.showLog')}
        </button>
      )}
    </article>
  );
}
