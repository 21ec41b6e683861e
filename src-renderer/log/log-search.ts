/** Finding text in a job's log, and splitting a line around the matches for highlighting. Pure. */
import { stripAnsi } from './ansi.ts';

export interface LineSource<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

/** A growing log: `dropped` counts lines pushed out at the front, `generation` any other change. */
export interface GrowingSource<T> extends LineSource<T> {
  readonly dropped: number;
  readonly generation: number;
}

/** Where a search got to, so the next call scans only the lines added since. */
export interface MatchScan {
  readonly query: string;
  readonly generation: number;
  readonly dropped: number;
  /** Lines scanned, as indexes at the time of the scan. */
  readonly scanned: number;
  readonly matches: readonly number[];
}

/**
 * Indexes of the lines whose visible text contains `query`, case-insensitively, at most `limit`.
 * Incremental: given the previous scan of the same source, only new lines are scanned, and lines
 * dropped at the front shift the earlier matches; a new query or a new generation starts over.
 */
export function scanMatches<T extends { readonly text: string }>(
  lines: GrowingSource<T>,
  query: string,
  previous: MatchScan | null = null,
  limit = 100_000,
): MatchScan {
  const needle = query.toLowerCase();
  const base = { query: needle, generation: lines.generation, dropped: lines.dropped };
  if (needle === '') return { ...base, scanned: lines.length, matches: [] };
  let matches: number[] = [];
  let from = 0;
  if (
    previous &&
    previous.query === needle &&
    previous.generation === lines.generation &&
    previous.dropped <= lines.dropped
  ) {
    const shift = lines.dropped - previous.dropped;
    from = Math.max(0, previous.scanned - shift);
    if (from <= lines.length) {
      matches = previous.matches.map((i) => i - shift).filter((i) => i >= 0);
    } else {
      from = 0;
    }
  }
  let i = from;
  for (; i < lines.length && matches.length < limit; i++) {
    const line = lines.at(i);
    if (line && stripAnsi(line.text).toLowerCase().includes(needle)) matches.push(i);
  }
  return { ...base, scanned: i, matches };
}

/** Indexes of the lines whose visible text contains `query`, case-insensitively (one full scan). */
export function findMatches<T extends { readonly text: string }>(
  lines: LineSource<T>,
  query: string,
  limit = 100_000,
): number[] {
  return [
    ...scanMatches(
      { length: lines.length, at: (i) => lines.at(i), dropped: 0, generation: 0 },
      query,
      null,
      limit,
    ).matches,
  ];
}

export interface Piece {
  readonly text: string;
  readonly match: boolean;
}

/** `text` cut into pieces, with `match` set on each occurrence of `query` (case-insensitive). */
export function splitByQuery(text: string, query: string): Piece[] {
  if (query === '') return [{ text, match: false }];
  const lower = text.toLowerCase();
  const needle = query.toLowerCase();
  const pieces: Piece[] = [];
  let at = 0;
  for (
    let found = lower.indexOf(needle);
    found !== -1;
    found = lower.indexOf(needle, found + needle.length)
  ) {
    if (found > at) pieces.push({ text: text.slice(at, found), match: false });
    pieces.push({ text: text.slice(found, found + needle.length), match: true });
    at = found + needle.length;
  }
  if (at < text.length || pieces.length === 0) pieces.push({ text: text.slice(at), match: false });
  return pieces;
}

/** The next (or previous) match index, wrapping around. */
export function stepMatch(current: number, count: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}
