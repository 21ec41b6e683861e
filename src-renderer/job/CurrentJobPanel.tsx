/**
 * The "Now" panel: the running job(s) and the live log of the selected one; when none runs, how the
 * last job ended and its log, until the next one starts. In the sandbox, a bar to send a sample issue.
 * Jobs waiting for approval before push come first.
 * data-testid: current-job-empty (no job running), and those of ApprovalPanel, JobCard, LastJobCard,
 * SandboxBar and LogView.
 */
import { useEffect, useState } from 'react';
import type { WorkerSnapshot } from '../../shared/snapshot.ts';
import { ApprovalPanel } from '../approval/ApprovalPanel.tsx';
import { useBridge } from '../common/bridge-context.ts';
import { serverUrlOf } from '../common/links.ts';
import { Empty } from '../common/PanelState.tsx';
import { useI18n } from '../i18n/i18n.ts';
import { JobLog } from '../log/JobLog.tsx';
import type { LogStore } from '../log/log-store.ts';
import { JobCard } from './JobCard.tsx';
import { LastJobCard } from './LastJobCard.tsx';
import { SandboxBar } from './SandboxBar.tsx';
import { useLastJob } from './use-last-job.ts';

export function CurrentJobPanel({ snapshot, store }: { snapshot: WorkerSnapshot | null; store: LogStore }) {
  const { t } = useI18n();
  const jobs = snapshot?.jobs ?? [];
  const [selected, setSelected] = useState<string | null>(null);
  const [lastJob, setLastJob] = useState<string | null>(null);
  const lastRecord = useLastJob(useBridge());
  const firstId = jobs[0]?.jobId ?? null;

  useEffect(() => {
    if (firstId) setLastJob(firstId);
  }, [firstId]);
  const running = jobs.find((job) => job.jobId === selected) ?? jobs[0] ?? null;
  const logJobId = running?.jobId ?? lastRecord?.jobId ?? lastJob;

  return (
    <div className="panel-body now">
      {snapshot?.sandbox === true && <SandboxBar />}
      <ApprovalPanel />
      {jobs.length === 0 ? (
        <>
          <Empty
            testId="current-job-empty"
            title={t(snapshot?.pause.paused ? 'job.emptyPaused' : 'job.empty')}
          >
            {t(snapshot?.pause.paused ? 'job.emptyPausedHint' : 'job.emptyHint')}
          </Empty>
          {lastRecord && <LastJobCard record={lastRecord} serverUrl={serverUrlOf(snapshot)} />}
        </>
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
