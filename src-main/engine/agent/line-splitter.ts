/**
 * Turns a byte stream into text lines as the bytes arrive, without ever holding more than one
 * line: a line longer than `maxLineChars` is cut into pieces. UTF-8 sequences split across chunks
 * are decoded correctly; "\r\n" and a lone "\r" both end a line.
 */
import { StringDecoder } from 'node:string_decoder';

export class LineSplitter {
  readonly #decoder = new StringDecoder('utf8');
  readonly #onLine: (line: string) => void;
  readonly #max: number;
  #partial = '';
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
    if (this.#partial.length > 0) this.#onLine(this.#partial);
    this.#partial = '';
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
      this.#emit(this.#partial + text.slice(start, i));
      this.#partial = '';
      this.#afterCr = code === 13;
      start = i + 1;
    }
    if (start < text.length) {
      this.#afterCr = false;
      this.#partial += text.slice(start);
      while (this.#partial.length > this.#max) {
        this.#onLine(this.#partial.slice(0, this.#max));
        this.#partial = this.#partial.slice(this.#max);
      }
    }
  }

  #emit(line: string): void {
    for (let i = 0; i < line.length; i += this.#max) this.#onLine(line.slice(i, i + this.#max));
    if (line.length === 0) this.#onLine('');
  }
}

// eslint-disable-next-line no-control-regex -- terminal escape sequences are exactly what is removed
const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;

/** Removes terminal colour and cursor sequences, which only get in the way in a log. */
export function stripAnsi(text: string): string {
  return text.includes('\x1b') ? text.replace(ANSI, '') : text;
}
