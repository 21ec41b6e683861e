/** One log line: line number, then the text as styled spans (ANSI colours) with search highlights. */
import { memo, type CSSProperties } from 'react';
import type { LogLine } from '../../shared/log-line.ts';
import { parseAnsi, styleClasses, styleColours, type AnsiSegment } from './ansi.ts';
import { splitByQuery } from './log-search.ts';

// Parsing is the costly part of drawing a line; each line object is parsed once.
const parsed = new WeakMap<LogLine, AnsiSegment[]>();

function segmentsOf(line: LogLine): AnsiSegment[] {
  let segments = parsed.get(line);
  if (!segments) {
    segments = parseAnsi(line.text);
    parsed.set(line, segments);
  }
  return segments;
}

export const LogLineView = memo(function LogLineView({
  line,
  query,
  current,
  top,
  index,
  measure,
}: {
  line: LogLine;
  query: string;
  current: boolean;
  top: number;
  /** The line's place in the list, for the virtualizer's measuring. */
  index?: number;
  /** Measures the drawn height (wrapped lines); absent when every line is one row. */
  measure?: ((element: Element | null) => void) | undefined;
}) {
  const segments = segmentsOf(line);
  const style: CSSProperties = { transform: `translateY(${top}px)` };
  return (
    <div
      className={`log-line stream-${line.stream}${current ? ' current-match' : ''}`}
      style={style}
      data-testid="log-line"
      data-n={line.n}
      data-index={index}
      ref={measure}
    >
      <span className="log-n" aria-hidden="true">
        {line.n}
      </span>
      <span className="log-text">
        {segments.map((segment, i) => (
          <span
            key={i}
            className={styleClasses(segment.style) || undefined}
            style={styleColours(segment.style)}
          >
            {query === ''
              ? segment.text
              : splitByQuery(segment.text, query).map((piece, j) =>
                  piece.match ? <mark key={j}>{piece.text}</mark> : piece.text,
                )}
          </span>
        ))}
      </span>
    </div>
  );
});
