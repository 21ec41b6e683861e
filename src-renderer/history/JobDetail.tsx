/**
 * A finished job and its whole log (the newest 200k lines), fetched with getJobLog.
 * data-testid: job-detail (data-job-id), job-detail-back, and LogView's; panel-loading / panel-error.
 */
import { useMemo } from 'react';
import type { JobRecord } from '../../shared/job-record.ts';
import type { LogLine } from '../../shared/log-line.ts';
import { useBridge } from '../common/bridge-context.ts';
import { ExternalLink } from '../common/ExternalLink.tsx';
import { checkedGitHubUrl } from '../common/links.ts';
import { ErrorState, Loading } from '../common/PanelState.tsx';
import { useLoad } from '../common/use-load.ts';
import { useI18n } from '../i18n/i18n.ts';
import { loadJobLogTail } from '../log/load-job-log.ts';
import { LINES_PER_JOB } from '../log/log-store.ts';
import { LogView } from '../log/LogView.tsx';
import { RingBuffer } from '../log/ring-buffer.ts';

export function JobDetail({
  jobId,
  record,
  serverUrl,
  onBack,
}: {
  jobId: string;
  record: JobRecord | null;
  serverUrl: string;
  onBack: () => void;
}) {
  const { t } = useI18n();
  const bridge = useBridge();
  const [state, reload] = useLoad(() => loadJobLogTail(bridge, jobId, LINES_PER_JOB), jobId);
  const pr = checkedGitHubUrl(record?.prUrl ?? null, serverUrl);

  // Built in render from this job's loaded state, so another job's lines never show, even briefly.
  const buffer = useMemo(() => {
    if (state.status !== 'ready') return null;
    const lines = new RingBuffer<LogLine>(LINES_PER_JOB);
    lines.pushAll(state.value.lines);
    return lines;
  }, [state]);
  const version = buffer ? buffer.length : 0;

  return (
    <div className="panel-body job-detail" data-testid="job-detail" data-job-id={jobId}>
      <div className="panel-actions">
        <button type="button" onClick={onBack} data-testid="job-detail-back">
          {t('common.back')}
        </button>
        <h2 className="detail-title">
          {record?.issue ? `#${record.issue.number} ${record.issue.title}` : t('history.jobLog')}
        </h2>
        {pr && (
          <ExternalLink href={pr} testId="history-pr-link">
            {t('history.pullRequest')}
          </ExternalLink>
        )}
      </div>
      {record?.reason && <p className="reason">{record.reason}</p>}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'ready' && buffer && (
        <LogView
          source={buffer}
          version={version}
          fullLogHref={bridge.host === 'web' ? `/jobs/${encodeURIComponent(jobId)}/log` : null}
          emptyText={t('log.empty')}
        />
      )}
    </div>
  );
}
