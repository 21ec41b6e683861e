/**
 * Search matches in a growing log, found incrementally with scanMatches (log-search.ts): while lines
 * stream in, only the new ones are scanned; a new query, a refilled buffer or another source start
 * over.
 */
import { useMemo, useRef } from 'react';
import type { LogLine } from '../../shared/log-line.ts';
import { scanMatches, type MatchScan } from './log-search.ts';
import type { RingBuffer } from './ring-buffer.ts';

export function useMatches(source: RingBuffer<LogLine>, version: number, query: string): readonly number[] {
  const last = useRef<{ source: RingBuffer<LogLine>; scan: MatchScan } | null>(null);
  return useMemo(() => {
    const previous = last.current?.source === source ? last.current.scan : null;
    const scan = scanMatches(source, query, previous);
    last.current = { source, scan };
    return scan.matches;
    // `version` is in the list because it changes whenever the buffer does (same object, new lines).
  }, [source, version, query]);
}
