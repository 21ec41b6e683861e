/**
 * The "Now" panel: the running job(s) and the live log of the selected one (or of the last job,
 * once it has ended).
 * data-testid: current-job-empty (no job running), and those of ApprovalPanel, JobCard and LogView.
 */
import { useEffect, useState } from 'react';
import type { WorkerSnapshot } from '../../shared/snapshot.ts';
import { ApprovalPanel } from '../approval/ApprovalPanel.tsx';
import { Empty } from '../common/PanelState.tsx';
import { useI18n } from '../i18n/i18n.ts';
import { JobLog } from '../log/JobLog.tsx';
import type { LogStore } from '../log/log-store.ts';
import { JobCard } from './JobCard.tsx';

export function CurrentJobPanel({ snapshot, store }: { snapshot: WorkerSnapshot | null; store: LogStore }) {
  const { t } = useI18n();
  const jobs = snapshot?.jobs ?? [];
  const [selected, setSelected] = useState<string | null>(null);
  const [lastJob, setLastJob] = useState<string | null>(null);
  const firstId = jobs[0]?.jobId ?? null;

  useEffect(() => {
    if (firstId) setLastJob(firstId);
  }, [firstId]);
  const running = jobs.find((job) => job.jobId === selected) ?? jobs[0] ?? null;
  const logJobId = running?.jobId ?? lastJob;

  return (
    <div className="panel-body now">
      <ApprovalPanel />
      {jobs.length === 0 ? (
        <Empty testId="current-job-empty" title={t(snapshot?.pause.paused ? 'job.emptyPaused' : 'job.empty')}>
          {t(snapshot?.pause.paused ? 'job.emptyPausedHint' : 'job.emptyHint')}
        </Empty>
      ) : (
        <div className="job-cards">
          {jobs.map((job) => (
            <JobCard
              key={job.jobId}
              job={job}
              snapshot={snapshot!}
              selected={job.jobId === running?.jobId}
              onSelect={jobs.length > 1 ? () => setSelected(job.jobId) : undefined}
            />
          ))}
        </div>
      )}
      {logJobId && (
        <section className="log-section" aria-label={t('log.label')}>
          {!running && <h2 className="section-title">{t('log.lastJob')}</h2>}
          <JobLog key={logJobId} jobId={logJobId} store={store} live={running !== null} />
        </section>
      )}
    </div>
  );
}
