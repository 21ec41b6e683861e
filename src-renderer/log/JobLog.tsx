/**
 * The log of one job from the store: streamed lines, plus the earlier ones fetched with getJobLog
 * when it opens and again whenever the connection comes back (lines written during an outage never
 * streamed). If the history cannot be fetched, the streamed lines still show, with a note why.
 * data-testid: log-history-error, and LogView's.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { LogLine } from '../../shared/log-line.ts';
import { useBridge } from '../common/bridge-context.ts';
import { describeError, type ErrorInfo } from '../common/errors.ts';
import { InlineError } from '../common/PanelState.tsx';
import { useI18n } from '../i18n/i18n.ts';
import { loadJobLogTail } from './load-job-log.ts';
import { LINES_PER_JOB, type LogStore } from './log-store.ts';
import { LogView } from './LogView.tsx';
import { RingBuffer } from './ring-buffer.ts';

const EMPTY = new RingBuffer<LogLine>(1);

export function JobLog({ jobId, store, live }: { jobId: string; store: LogStore; live: boolean }) {
  const { t } = useI18n();
  const bridge = useBridge();
  const version = useSyncExternalStore(store.subscribe, store.getVersion);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [reconnects, setReconnects] = useState(0);

  useEffect(() => {
    let lost = false;
    return bridge.onConnection((state) => {
      if (state === 'disconnected') lost = true;
      else if (state === 'connected' && lost) {
        lost = false;
        setReconnects((n) => n + 1);
      }
    });
  }, [bridge]);

  useEffect(() => {
    let current = true;
    setError(null);
    loadJobLogTail(bridge, jobId, LINES_PER_JOB).then(
      (tail) => current && store.merge(jobId, tail.lines),
      (caught: unknown) => current && setError(describeError(caught)),
    );
    return () => {
      current = false;
    };
  }, [bridge, jobId, store, reconnects]);

  return (
    <>
      <InlineError error={error} testId="log-history-error" />
      <LogView
        source={store.lines(jobId) ?? EMPTY}
        version={version}
        fullLogHref={bridge.host === 'web' ? `/jobs/${encodeURIComponent(jobId)}/log` : null}
        emptyText={t(live ? 'log.waiting' : 'log.empty')}
      />
    </>
  );
}
