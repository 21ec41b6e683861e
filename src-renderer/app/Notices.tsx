/**
 * Notices (PR opened, job failed, new DLQ item) as toasts in the browser; the Electron shell shows
 * them as native notifications instead.
 * data-testid: notices, notice (data-kind), notice-dismiss.
 */
import { useEffect, useState } from 'react';
import type { Bridge } from '../../shared/bridge.ts';
import type { Notice } from '../../shared/notice.ts';
import { useI18n } from '../i18n/i18n.ts';

const SHOWN_MS = 12_000;
const MAX_SHOWN = 3;

interface Shown {
  readonly id: number;
  readonly notice: Notice;
}

export function Notices({ bridge }: { bridge: Bridge }) {
  const { t } = useI18n();
  const [shown, setShown] = useState<readonly Shown[]>([]);

  useEffect(() => {
    if (bridge.host !== 'web') return;
    let next = 0;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const off = bridge.onEvent((event) => {
      if (event.event !== 'notice') return;
      const id = next++;
      setShown((current) => [...current, { id, notice: event.payload }].slice(-MAX_SHOWN));
      const timer = setTimeout(() => {
        timers.delete(timer);
        setShown((current) => current.filter((item) => item.id !== id));
      }, SHOWN_MS);
      timers.add(timer);
    });
    return () => {
      off();
      for (const timer of timers) clearTimeout(timer);
    };
  }, [bridge]);

  return (
    <div className="notices" role="status" aria-live="polite" data-testid="notices">
      {shown.map(({ id, notice }) => (
        <div key={id} className={`notice notice-${notice.kind}`} data-testid="notice" data-kind={notice.kind}>
          <p className="notice-title">
            {notice.kind === 'round-pushed' && notice.review?.round
              ? t('notice.roundPushed', { round: notice.review.round, pull: notice.review.pullNumber })
              : notice.title}
          </p>
          <p className="muted">{notice.body}</p>
          <button
            type="button"
            className="icon"
            onClick={() => setShown((current) => current.filter((item) => item.id !== id))}
            aria-label={t('common.dismiss')}
            title={t('common.dismiss')}
            data-testid="notice-dismiss"
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
