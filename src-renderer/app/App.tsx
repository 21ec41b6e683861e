import type { Bridge } from '../../shared/bridge.ts';
import type { QueueCounts } from '../../shared/snapshot.ts';
import { useI18n } from '../i18n/i18n.ts';
import { useWorker } from './use-worker.ts';

export function App({ bridge }: { bridge: Bridge }) {
  const { t } = useI18n();
  const { snapshot, connection } = useWorker(bridge);

  return (
    <main className="app">
      <header className="status-header">
        <h1>{t('app.title')}</h1>
        <p role="status" data-testid="connection" data-state={connection}>
          {t(`connection.${connection}`)}
        </p>
        {snapshot && (
          <p data-testid="worker-status" data-status={snapshot.status}>
            {t(`status.${snapshot.status}`)}
            {snapshot.lastError && <span className="error"> — {snapshot.lastError.message}</span>}
          </p>
        )}
      </header>
      <section className="stats" aria-label={t('stats.queue')}>
        <QueueDepth label={t('stats.queue')} counts={snapshot?.stats.queue ?? null} testId="queue-depth" />
        <QueueDepth label={t('stats.dlq')} counts={snapshot?.stats.dlq ?? null} testId="dlq-depth" />
      </section>
    </main>
  );
}

function QueueDepth({
  label,
  counts,
  testId,
}: {
  label: string;
  counts: QueueCounts | null;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <div className="depth">
      <h2>{label}</h2>
      {counts ? (
        <p>
          <span data-testid={testId} data-count={counts.visible} title={t('stats.approximate')}>
            ≈ {t('stats.waiting', { count: counts.visible })}
          </span>
          <span className="muted"> · {t('stats.inFlight', { count: counts.inFlight })}</span>
        </p>
      ) : (
        <p className="muted" data-testid={testId} data-count="">
          {t('stats.unknown')}
        </p>
      )}
    </div>
  );
}
