/**
 * The GitHub REST client: @octokit/rest with the retry plugin (5xx and network errors, with backoff)
 * and the throttling plugin (GitHub's primary and secondary rate limits, honouring Retry-After).
 * Every request is authenticated with the token; the token never appears in a log line.
 */
import { Octokit, type RestEndpointMethodTypes } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';

const GitHubOctokit = Octokit.plugin(retry, throttling);

export type GitHubClient = InstanceType<typeof GitHubOctokit>;
export type { RestEndpointMethodTypes };

export interface GitHubClientOptions {
  readonly token: string;
  /** REST API root, e.g. https://api.github.com or https://ghe.example.com/api/v3. */
  readonly apiUrl: string;
  /** Where the plugins' warnings go (already free of the token). Default: dropped. */
  readonly warn?: (message: string) => void;
  /** Retries of a 5xx/network failure before the request fails. Default 3. */
  readonly retries?: number;
  /**
   * Milliseconds per unit of wait. The plugins wait `n²` units between 5xx retries and `Retry-After`
   * units for rate limits; GitHub's unit is a second (1000). Tests shrink it to keep retries real
   * but fast.
   */
  readonly waitUnitMs?: number;
  /** Longest rate-limit wait (in seconds, as GitHub states it) worth sleeping through. Default 120. */
  readonly maxRateLimitWaitSeconds?: number;
  /** Rate-limit retries per request. Default 2. */
  readonly rateLimitRetries?: number;
  /**
   * GitHub asks integrators to space content-creating requests (>= 1 s apart, 3 s for ones that
   * notify people); the throttling plugin does so by default. Tests turn it off: `false`.
   */
  readonly spaceWrites?: boolean;
}

/** Builds the client. Nothing is sent until the first request. */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const unit = options.waitUnitMs ?? 1000;
  const maxWait = options.maxRateLimitWaitSeconds ?? 120;
  const rateLimitRetries = options.rateLimitRetries ?? 2;
  const warn = options.warn ?? (() => undefined);
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const retrying = retryCount < rateLimitRetries && retryAfter <= maxWait;
      warn(
        `GitHub ${kind} rate limit on ${request.method} ${request.url}: ` +
          (retrying ? `retrying after ${retryAfter} s` : 'giving up'),
      );
      return retrying;
    };
  const throttle: ThrottlingOptions = {
    onRateLimit: onLimit('primary'),
    onSecondaryRateLimit: onLimit('secondary'),
    retryAfterBaseValue: unit,
    ...(options.spaceWrites === false ? { write: unthrottled(), notifications: unthrottled() } : {}),
  };
  return new GitHubOctokit({
    auth: options.token,
    baseUrl: options.apiUrl.replace(/\/+$/, ''),
    userAgent: 'CodingWorker',
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (m: string) => warn(m),
      error: (m: string) => warn(m),
    },
    retry: { retries: options.retries ?? 3, retryAfterBaseValue: unit },
    throttle,
  });
}

/**
 * A Bottleneck group stand-in that runs jobs at once. Only the write-spacing groups are replaced;
 * the rate-limit handling (retry after 403/429) stays the plugin's own.
 */
function unthrottled(): NonNullable<ThrottlingOptions['write']> {
  const limiter = {
    schedule: (...args: unknown[]) => {
      const index = args.findIndex((arg) => typeof arg === 'function');
      const job = args[index] as (...jobArgs: unknown[]) => unknown;
      return Promise.resolve().then(() => job(...args.slice(index + 1)));
    },
  };
  return { key: () => limiter } as unknown as NonNullable<ThrottlingOptions['write']>;
}
