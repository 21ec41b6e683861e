/**
 * A job's log, virtualized: only the lines on screen are in the DOM, so 200k lines scroll smoothly.
 * It follows the newest line until the user scrolls up, then offers "jump to latest".
 * data-testid: log-view (data-count, data-following), log-line (data-n), log-empty, log-jump-latest,
 * and the toolbar's (LogToolbar.tsx). "Wrap lines" (log-wrap) wraps long lines instead of cutting
 * them at the right edge; wrapped lines are measured, so the virtual list stays right.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { LogLine } from '../../shared/log-line.ts';
import { useI18n } from '../i18n/i18n.ts';
import { stripAnsi } from './ansi.ts';
import { stepMatch } from './log-search.ts';
import { LogLineView } from './LogLineView.tsx';
import { LogToolbar } from './LogToolbar.tsx';
import type { RingBuffer } from './ring-buffer.ts';
import { useMatches } from './use-matches.ts';

/** Must match .log-line's height in styles.css. */
export const LINE_HEIGHT = 18;

export function LogView({
  source,
  version,
  fullLogHref,
  emptyText,
}: {
  source: RingBuffer<LogLine>;
  /** Changes whenever `source` does. */
  version: number;
  /** The full log file (web UI only: the headless server serves it). */
  fullLogHref?: string | null;
  emptyText: string;
}) {
  const { t } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  const followingRef = useRef(true);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(-1);
  const [wrap, setWrap] = useState(false);
  const count = source.length;
  const matches = useMatches(source, version, query);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 4,
  });
  // Unwrapped lines are one row each; wrapped ones are measured as they are drawn.
  useLayoutEffect(() => virtualizer.measure(), [wrap, virtualizer]);

  const follow = useCallback((on: boolean) => {
    followingRef.current = on;
    setFollowing(on);
  }, []);

  // New lines: stay at the bottom while following.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (element && followingRef.current && count > 0) element.scrollTop = element.scrollHeight;
  }, [count, version]);

  useEffect(() => setCurrent(-1), [query]);

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight <= LINE_HEIGHT;
    if (atBottom !== followingRef.current) follow(atBottom);
  };

  const jumpToLatest = () => {
    follow(true);
    const element = scrollRef.current;
    if (element) element.scrollTop = element.scrollHeight;
  };

  const goToMatch = (direction: 1 | -1) => {
    const next = stepMatch(current, matches.length, direction);
    setCurrent(next);
    if (next < 0) return;
    follow(false);
    virtualizer.scrollToIndex(matches[next]!, { align: 'center' });
  };

  const visibleText = (): string[] => {
    const element = scrollRef.current;
    if (!element) return [];
    const first = Math.floor(element.scrollTop / LINE_HEIGHT);
    const last = Math.ceil((element.scrollTop + element.clientHeight) / LINE_HEIGHT);
    return source.slice(first, last).map((line) => stripAnsi(line.text));
  };
  const allText = (): string[] => source.slice().map((line) => stripAnsi(line.text));
  const currentLine = current >= 0 ? matches[current] : undefined;

  return (
    <div className="log">
      <LogToolbar
        query={query}
        onQuery={setQuery}
        matchCount={matches.length}
        current={current}
        onStep={goToMatch}
        visibleText={visibleText}
        allText={allText}
        fullLogHref={fullLogHref ?? null}
        wrap={wrap}
        onWrap={setWrap}
      />
      <div className="log-frame">
        <div
          ref={scrollRef}
          className={wrap ? 'log-scroll wrap' : 'log-scroll'}
          onScroll={onScroll}
          onWheel={(event) => event.deltaY < 0 && followingRef.current && follow(false)}
          tabIndex={0}
          role="log"
          aria-label={t('log.label')}
          aria-live="off"
          data-testid="log-view"
          data-count={count}
          data-following={following ? 'true' : 'false'}
          data-wrap={wrap ? 'true' : 'false'}
        >
          <div className="log-lines" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const line = source.at(item.index);
              return line ? (
                <LogLineView
                  key={line.n}
                  line={line}
                  query={query}
                  current={item.index === currentLine}
                  top={item.start}
                  index={item.index}
                  measure={wrap ? virtualizer.measureElement : undefined}
                />
              ) : null;
            })}
          </div>
          {count === 0 && (
            <p className="log-empty muted" data-testid="log-empty">
              {emptyText}
            </p>
          )}
        </div>
        {!following && count > 0 && (
          <button type="button" className="jump-latest" onClick={jumpToLatest} data-testid="log-jump-latest">
            {t('log.jumpToLatest')}
          </button>
        )}
      </div>
    </div>
  );
}
