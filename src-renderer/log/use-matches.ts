/**
 * Search matches in a growing log, found incrementally: while lines stream in, only the new ones are
 * scanned; a new query, or lines dropped at the front, start over.
 */
import { useMemo, useRef } from 'react';
import type { LogLine } from '../../shared/records.ts';
import { stripAnsi } from './ansi.ts';
import type { RingBuffer } from './ring-buffer.ts';

interface Scan {
  source: RingBuffer<LogLine> | null;
  query: string;
  dropped: number;
  scanned: number;
  matches: number[];
}

export function useMatches(source: RingBuffer<LogLine>, version: number, query: string): readonly number[] {
  const scan = useRef<Scan>({ source: null, query: '', dropped: 0, scanned: 0, matches: [] });
  return useMemo(() => {
    const needle = query.toLowerCase();
    if (needle === '') return [];
    const state = scan.current;
    if (
      state.source !== source ||
      state.query !== needle ||
      state.dropped !== source.dropped ||
      state.scanned > source.length
    ) {
      scan.current = { source, query: needle, dropped: source.dropped, scanned: 0, matches: [] };
    }
    const current = scan.current;
    for (let i = current.scanned; i < source.length; i++) {
      if (stripAnsi(source.at(i)!.text).toLowerCase().includes(needle)) current.matches.push(i);
    }
    current.scanned = source.length;
    return current.matches.slice();
    // `version` is in the list because it changes whenever the buffer does (same object, new lines).
  }, [source, version, query]);
}
