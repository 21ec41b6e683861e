/** Finding text in a job's log, and splitting a line around the matches for highlighting. Pure. */
import { stripAnsi } from './ansi.ts';

export interface LineSource<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

/** Indexes of the lines whose visible text contains `query`, case-insensitively. */
export function findMatches<T extends { readonly text: string }>(
  lines: LineSource<T>,
  query: string,
  limit = 100_000,
): number[] {
  const needle = query.toLowerCase();
  if (needle === '') return [];
  const found: number[] = [];
  for (let i = 0; i < lines.length && found.length < limit; i++) {
    const line = lines.at(i);
    if (line && stripAnsi(line.text).toLowerCase().includes(needle)) found.push(i);
  }
  return found;
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
