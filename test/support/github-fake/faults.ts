/**
 * Failures a test asks the GitHub fake for: the next requests to a route failing with 5xx or a
 * secondary rate limit (with Retry-After), and routes the token may not use.
 */
import type { Reply } from './route-handler.ts';

export interface Failure {
  readonly method: string;
  /** OpenAPI path template, e.g. '/repos/{owner}/{repo}/pulls'. */
  readonly route: string;
  readonly status: number;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** Seconds, sent as Retry-After (GitHub does for secondary rate limits). */
  readonly retryAfter?: number;
  readonly message?: string;
}

const DENIED_MESSAGE = 'Resource not accessible by personal access token';
const SECONDARY_RATE_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

export class Faults {
  readonly #failures: Failure[] = [];
  readonly #denied = new Set<string>();

  failNext(failure: Failure): void {
    this.#failures.push({ times: 1, ...failure });
  }

  deny(method: string, route: string): void {
    this.#denied.add(`${method.toUpperCase()} ${route}`);
  }

  clear(): void {
    this.#failures.length = 0;
    this.#denied.clear();
  }

  /** The failure this request gets, using up one of a pending failure's times; null to answer it. */
  take(method: string, route: string): Reply | null {
    const failure = this.#failures.find(
      (f) => f.method === method && f.route === route && (f.times ?? 0) > 0,
    );
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      const headers: Record<string, string> =
        failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {};
      const message =
        failure.message ??
        (failure.status === 429 || failure.status === 403 ? SECONDARY_RATE_LIMIT_MESSAGE : 'Server Error');
      return [failure.status, { message }, headers];
    }
    if (this.#denied.has(`${method} ${route}`)) return [403, { message: DENIED_MESSAGE }];
    return null;
  }
}
