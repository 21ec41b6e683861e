/**
 * Recent jobs: outcome, issue, pull request, duration, tokens and cost. Opening one shows its log.
 * The list refreshes itself whenever a job ends (it leaves the snapshot's jobs).
 * Review rounds are listed under their issue and pull request (group-rounds.ts).
 * data-testid: history-list, history-empty, history-refresh, history-issue (data-issue),
 * history-rounds (data-pull), and HistoryRow's / JobDetail's.
 */
import { useEffect, useRef } from 'react';
import type { JobRecord } from '../../shared/job-record.ts';
import type { WorkerSnapshot } from '../../shared/snapshot.ts';
import { useBridge } from '../common/bridge-context.ts';
import { serverUrlOf } from '../common/links.ts';
import { Empty, ErrorState, Loading } from '../common/PanelState.tsx';
import { useLoad } from '../common/use-load.ts';
import { useI18n } from '../i18n/i18n.ts';
import { groupRounds } from './group-rounds.ts';
import { HistoryRow } from './HistoryRow.tsx';
import { JobDetail } from './JobDetail.tsx';
import { someJobEnded } from './job-ended.ts';

/** How many recent jobs the list asks for. */
export const HISTORY_LIMIT = 100;

export function HistoryPanel({
  snapshot,
  openJobId,
  onOpenJob,
}: {
  snapshot: WorkerSnapshot | null;
  openJobId: string | null;
  onOpenJob: (jobId: string | null) => void;
}) {
  const { t } = useI18n();
  const bridge = useBridge();
  const [state, reload] = useLoad(() => bridge.invoke('listHistory', { limit: HISTORY_LIMIT }), 'history');
  const serverUrl = serverUrlOf(snapshot);
  const running = snapshot?.jobs.map((job) => job.jobId).join('\n') ?? '';
  const previous = useRef(running);
  useEffect(() => {
    const ended = someJobEnded(split(previous.current), split(running));
    previous.current = running;
    if (ended) reload();
  }, [running, reload]);

  if (openJobId) {
    const record = state.status === 'ready' ? (state.value.find((r) => r.jobId === openJobId) ?? null) : null;
    return (
      <JobDetail jobId={openJobId} record={record} serverUrl={serverUrl} onBack={() => onOpenJob(null)} />
    );
  }
  return (
    <div className="panel-body">
      <div className="panel-actions">
        <button
          type="button"
          onClick={reload}
          disabled={state.status === 'loading'}
          data-testid="history-refresh"
        >
          {t('common.refresh')}
        </button>
      </div>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'ready' && state.value.length === 0 && (
        <Empty testId="history-empty" title={t('history.empty')}>
          {t('history.emptyHint')}
        </Empty>
      )}
      {state.status === 'ready' && state.value.length > 0 && (
        <ul className="list" data-testid="history-list" aria-label={t('tab.history')}>
          {groupRounds(state.value).map((entry) => {
            if (entry.kind === 'job') {
              const { record } = entry;
              return (
                <HistoryRow
                  key={record.jobId}
                  record={record}
                  serverUrl={serverUrl}
                  onOpen={() => onOpenJob(record.jobId)}
                />
              );
            }
            const issue = (entry.jobs[0] ?? entry.pulls[0]?.rounds[0])?.issue ?? null;
            return (
              <li
                key={entry.key}
                className="history-issue"
                data-testid="history-issue"
                data-issue={entry.key}
              >
                {entry.jobs.length === 0 && issue && (
                  <p className="row-title">
                    #{issue.number} {issue.title} <span className="muted">{issue.repository}</span>
                  </p>
                )}
                {entry.jobs.length > 0 && (
                  <RowList records={entry.jobs} serverUrl={serverUrl} onOpenJob={onOpenJob} />
                )}
                {entry.pulls.map((pull) => (
                  <section
                    key={pull.pullNumber}
                    className="history-rounds"
                    data-testid="history-rounds"
                    data-pull={pull.pullNumber}
                    aria-label={t('history.rounds', { pull: pull.pullNumber })}
                  >
                    <p className="muted rounds-title">{t('history.rounds', { pull: pull.pullNumber })}</p>
                    <RowList records={pull.rounds} serverUrl={serverUrl} onOpenJob={onOpenJob} />
                  </section>
                ))}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** The jobs of one issue and the rounds of one pull request are the same list of rows. */
function RowList({
  records,
  serverUrl,
  onOpenJob,
}: {
  records: readonly JobRecord[];
  serverUrl: string;
  onOpenJob: (jobId: string) => void;
}) {
  return (
    <ul className="list">
      {records.map((record) => (
        <HistoryRow
          key={record.jobId}
          record={record}
          serverUrl={serverUrl}
          onOpen={() => onOpenJob(record.jobId)}
        />
      ))}
    </ul>
  );
}

function split(jobIds: string): string[] {
  return jobIds === '' ? [] : jobIds.split('\n');
}
