/** One measured row of `npm run bench`; bench/run.ts prints them as a table and writes bench/results.json. */
export interface BenchResult {
  /** Benchmark id from the issues, e.g. 'P1'. */
  readonly id: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Goal as text, e.g. '>= 1.5x' or '<= 200'; null when the row is for comparison only. */
  readonly goal: string | null;
  /** Whether the goal is met; null when there is no goal. */
  readonly pass: boolean | null;
  readonly note?: string;
}

/** A benchmark module exports this as `run`. */
export type Bench = () => Promise<readonly BenchResult[]>;
