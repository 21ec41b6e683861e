/**
 * Search, copy and the full log above a LogView.
 * data-testid: log-search, log-search-prev, log-search-next, log-search-count, log-copy-visible,
 * log-copy-all, log-copy-status, log-full-link, log-wrap (aria-pressed).
 */
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.ts';

export function LogToolbar({
  query,
  onQuery,
  matchCount,
  current,
  onStep,
  visibleText,
  allText,
  fullLogHref,
  wrap,
  onWrap,
}: {
  query: string;
  onQuery: (query: string) => void;
  matchCount: number;
  current: number;
  onStep: (direction: 1 | -1) => void;
  visibleText: () => string[];
  allText: () => string[];
  fullLogHref: string | null;
  wrap: boolean;
  onWrap: (wrap: boolean) => void;
}) {
  const { t } = useI18n();
  const [copyStatus, setCopyStatus] = useState<string>('');

  const copy = async (lines: string[]) => {
    try {
      await navigator.clipboard.writeText(lines.join('\n'));
      setCopyStatus(t('log.copied', { count: lines.length }));
    } catch {
      setCopyStatus(t('log.copyFailed'));
    }
  };

  return (
    <div className="log-toolbar" role="toolbar" aria-label={t('log.toolbar')}>
      <label className="search">
        <span className="visually-hidden">{t('log.search')}</span>
        <input
          type="search"
          value={query}
          placeholder={t('log.searchPlaceholder')}
          onChange={(event) => onQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              onStep(event.shiftKey ? -1 : 1);
            }
          }}
          data-testid="log-search"
        />
      </label>
      {query !== '' && (
        <>
          <span
            className="muted match-count"
            aria-live="polite"
            data-testid="log-search-count"
            data-count={matchCount}
          >
            {matchCount === 0
              ? t('log.noMatches')
              : t('log.matchPosition', { current: current < 0 ? 0 : current + 1, count: matchCount })}
          </span>
          <button
            type="button"
            className="icon"
            disabled={matchCount === 0}
            onClick={() => onStep(-1)}
            aria-label={t('log.previousMatch')}
            title={t('log.previousMatch')}
            data-testid="log-search-prev"
          >
            ↑
          </button>
          <button
            type="button"
            className="icon"
            disabled={matchCount === 0}
            onClick={() => onStep(1)}
            aria-label={t('log.nextMatch')}
            title={t('log.nextMatch')}
            data-testid="log-search-next"
          >
            ↓
          </button>
        </>
      )}
      <span className="spacer" />
      <button
        type="button"
        aria-pressed={wrap}
        onClick={() => onWrap(!wrap)}
        title={t('log.wrapHint')}
        data-testid="log-wrap"
      >
        {t('log.wrap')}
      </button>
      <button type="button" onClick={() => void copy(visibleText())} data-testid="log-copy-visible">
        {t('log.copyVisible')}
      </button>
      <button type="button" onClick={() => void copy(allText())} data-testid="log-copy-all">
        {t('log.copyAll')}
      </button>
      {fullLogHref && (
        <a href={fullLogHref} target="_blank" rel="noopener noreferrer" data-testid="log-full-link">
          {t('log.fullLog')}
        </a>
      )}
      <span className="visually-hidden" role="status" data-testid="log-copy-status">
        {copyStatus}
      </span>
    </div>
  );
}
