/** One queue's depth. SQS's counts are approximate (and lag), so they are shown with "≈". */
import type { QueueCounts } from '../../shared/snapshot.ts';
import { formatCount } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.ts';

export function QueueDepth({
  label,
  counts,
  testId,
}: {
  label: string;
  counts: QueueCounts | null;
  testId: string;
}) {
  const { t, locale } = useI18n();
  return (
    <div className="depth">
      <h2>{label}</h2>
      {counts ? (
        <p>
          <span data-testid={testId} data-count={counts.visible} title={t('stats.approximate')}>
            <abbr title={t('stats.approximate')}>≈</abbr>{' '}
            {t('stats.waiting', { count: formatCount(counts.visible, locale) })}
          </span>
          <span className="muted">
            {' '}
            · {t('stats.inFlight', { count: formatCount(counts.inFlight, locale) })}
          </span>
        </p>
      ) : (
        <p className="muted" data-testid={testId} data-count="">
          {t('stats.unknown')}
        </p>
      )}
    </div>
  );
}
