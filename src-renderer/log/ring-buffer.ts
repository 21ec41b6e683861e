/**
 * A bounded list that keeps the newest items: log lines arrive forever, memory must not grow with
 * them. Index 0 is the oldest item still kept. Pure (no DOM), O(1) push and index.
 */
export class RingBuffer<T> {
  readonly capacity: number;
  #items: (T | undefined)[];
  #start = 0;
  #length = 0;
  #dropped = 0;
  #generation = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
    this.capacity = capacity;
    this.#items = [];
  }

  get length(): number {
    return this.#length;
  }

  /** How many items were pushed out at the front since the buffer was created or cleared. */
  get dropped(): number {
    return this.#dropped;
  }

  /**
   * Bumped by every change other than push (clear, and so a refill): an index seen before a change
   * of generation may now point at another item, so anything derived from indexes starts over.
   */
  get generation(): number {
    return this.#generation;
  }

  push(item: T): void {
    if (this.#length < this.capacity) {
      this.#items[(this.#start + this.#length) % this.capacity] = item;
      this.#length += 1;
    } else {
      this.#items[this.#start] = item;
      this.#start = (this.#start + 1) % this.capacity;
      this.#dropped += 1;
    }
  }

  pushAll(items: Iterable<T>): void {
    for (const item of items) this.push(item);
  }

  /** The item at `index` (0 = oldest kept), or undefined outside 0..length-1. */
  at(index: number): T | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.#length) return undefined;
    return this.#items[(this.#start + index) % this.capacity];
  }

  last(): T | undefined {
    return this.at(this.#length - 1);
  }

  /** Items from `start` (inclusive) to `end` (exclusive), oldest first. */
  slice(start = 0, end = this.#length): T[] {
    const from = Math.max(0, Math.min(start, this.#length));
    const to = Math.max(from, Math.min(end, this.#length));
    const out: T[] = new Array(to - from);
    for (let i = from; i < to; i++) out[i - from] = this.#items[(this.#start + i) % this.capacity] as T;
    return out;
  }

  clear(): void {
    this.#items = [];
    this.#start = 0;
    this.#length = 0;
    this.#dropped = 0;
    this.#generation += 1;
  }
}
