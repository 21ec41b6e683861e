/**
 * Turns a byte stream into text lines as the bytes arrive, holding at most `maxLineChars` of a
 * line: the rest of a longer line is dropped, counted, and noted at its end ("… [line cut: N more
 * characters]"). Dropping rather than cutting into pieces keeps whole any secret near the start,
 * so the redactor (which sees one line at a time) still recognises it. UTF-8 sequences split
 * across chunks are decoded correctly; "\r\n" and a lone "\r" both end a line.
 */
import { StringDecoder } from 'node:string_decoder';

export class LineSplitter {
  readonly #decoder = new StringDecoder('utf8');
  readonly #onLine: (line: string) => void;
  readonly #max: number;
  #partial = '';
  /** Characters of the current line dropped beyond the limit. */
  #dropped = 0;
  #afterCr = false;

  constructor(onLine: (line: string) => void, maxLineChars = 8192) {
    this.#onLine = onLine;
    this.#max = maxLineChars;
  }

  push(chunk: Uint8Array | string): void {
    this.#consume(typeof chunk === 'string' ? chunk : this.#decoder.write(chunk as Buffer));
  }

  /** Flushes the last line when the stream ends without a newline. */
  end(): void {
    this.#consume(this.#decoder.end());
    if (this.#partial.length > 0 || this.#dropped > 0) this.#emit('');
  }

  #consume(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code !== 10 && code !== 13) continue;
      if (code === 10 && this.#afterCr && i === start) {
        // The "\n" of a "\r\n" whose "\r" already ended the line.
        this.#afterCr = false;
        start = i + 1;
        continue;
      }
      this.#emit(text.slice(start, i));
      this.#afterCr = code === 13;
      start = i + 1;
    }
    if (start < text.length) {
      this.#afterCr = false;
      this.#keep(text.slice(start));
    }
  }

  /** Adds to the current line up to the limit; counts what is beyond it. */
  #keep(piece: string): void {
    const room = this.#max - this.#partial.length;
    if (piece.length <= room) {
      this.#partial += piece;
    } else {
      this.#partial += piece.slice(0, Math.max(0, room));
      this.#dropped += piece.length - Math.max(0, room);
    }
  }

  /** Ends the current line with `rest`. */
  #emit(rest: string): void {
    this.#keep(rest);
    const note = this.#dropped > 0 ? ` … [line cut: ${this.#dropped} more characters]` : '';
    this.#onLine(this.#partial + note);
    this.#partial = '';
    this.#dropped = 0;
  }
}

// eslint-disable-next-line no-control-regex -- terminal escape sequences are exactly what is removed
const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;

/** Removes terminal colour and cursor sequences, which only get in the way in a log. */
export function stripAnsi(text: string): string {
  return text.includes('\x1b') ? text.replace(ANSI, '') : text;
}
