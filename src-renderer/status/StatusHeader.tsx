/**
 * The top of the window: what the worker is doing, pause controls, and the queue depths.
 * data-testid: connection (data-state), worker-status (data-status, data-paused, data-reason),
 * status-detail, queue-depth and dlq-depth (data-count; approximate, shown with "≈"), spent-today
 * (data-usd), agent-confinement (data-kind: confined | unconfined | refused).
 */
import type { ConnectionState } from '../../shared/bridge.ts';
import type { WorkerSnapshot } from '../../shared/snapshot.ts';
import { useNow } from '../common/use-now.ts';
import { formatCost, formatWhen } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.ts';
import { PauseControls } from './PauseControls.tsx';
import { QueueDepth } from './QueueDepth.tsx';
import { confinementLine, headline } from './status-view.ts';

export function StatusHeader({
  snapshot,
  connection,
}: {
  snapshot: WorkerSnapshot | null;
  connection: ConnectionState;
}) {
  const { t, locale } = useI18n();
  const now = useNow(30_000);
  const view = headline(snapshot, connection);
  const base = view.at ? { ...view.values, time: formatWhen(view.at, now, locale) } : view.values;
  // Amounts are formatted here, in the user's language (status-view.ts stays pure).
  const values =
    typeof base.amount === 'number' ? { ...base, amount: formatCost(base.amount, locale) } : base;
  const spend = snapshot?.spend;
  const confinement = confinementLine(snapshot);

  return (
    <header className="status-header">
      <div className="title-row">
        <h1>{t('app.title')}</h1>
        <p className="connection" data-testid="connection" data-state={connection}>
          <span className={`dot dot-${connection}`} aria-hidden="true" />
          {t(`connection.${connection}`)}
        </p>
      </div>
      <p
        className={`headline tone-${view.tone}`}
        role="status"
        aria-live="polite"
        data-testid="worker-status"
        data-status={snapshot?.status ?? ''}
        data-paused={snapshot?.pause.paused ? 'true' : 'false'}
        data-reason={snapshot?.pause.reason ?? ''}
      >
        {t(view.key, values)}
      </p>
      {confinement && (
        <p
          className={`confinement confinement-${confinement.kind}`}
          data-testid="agent-confinement"
          data-kind={confinement.kind}
        >
          {t(confinement.key, confinement.values)}
        </p>
      )}
      {snapshot && <PauseControls snapshot={snapshot} />}
      <section className="stats" aria-label={t('stats.label')}>
        <QueueDepth label={t('stats.queue')} counts={snapshot?.stats.queue ?? null} testId="queue-depth" />
        <QueueDepth label={t('stats.dlq')} counts={snapshot?.stats.dlq ?? null} testId="dlq-depth" />
        {spend && (
          <p className="spent-today" data-testid="spent-today" data-usd={spend.todayUsd}>
            {spend.perDayUsd === null
              ? t('stats.spentToday', { amount: formatCost(spend.todayUsd, locale) })
              : t('stats.spentTodayOf', {
                  amount: formatCost(spend.todayUsd, locale),
                  limit: formatCost(spend.perDayUsd, locale),
                })}
          </p>
        )}
      </section>
    </header>
  );
}
