/**
 * GitHub failures as the worker reports them: what was being done, whether trying again later can
 * help, and — for 403/404 — which token permission is missing. Messages never include the token.
 */

export class GitHubError extends Error {
  /** HTTP status, or null when GitHub was not reached. */
  readonly status: number | null;
  /** True when the same request may succeed later (5xx, network, rate limit). */
  readonly retryable: boolean;

  constructor(message: string, status: number | null, retryable: boolean) {
    super(message);
    this.name = 'GitHubError';
    this.status = status;
    this.retryable = retryable;
  }
}

/** What a request was for, to turn a bare status into an actionable sentence. */
export interface GitHubAction {
  /** e.g. "read issues of o/r". */
  readonly action: string;
  /** The fine-grained permission that allows it, e.g. "Issues: read". */
  readonly permission: string;
  /** Said on 404 instead of the generic hint, e.g. "issue #4 does not exist". */
  readonly notFound?: string;
}

interface ErrorShape {
  readonly name?: string;
  readonly status?: number;
  readonly message?: string;
  readonly response?: { readonly headers?: Record<string, string | undefined>; readonly data?: unknown };
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** Converts whatever Octokit threw into a GitHubError (abort errors are passed through as they are). */
export function toGitHubError(error: unknown, what: GitHubAction): Error {
  if (error instanceof GitHubError || isAbortError(error)) return error as Error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ErrorShape;
  const status = typeof shape.status === 'number' ? shape.status : null;
  const detail = githubMessage(shape);
  if (status === null || (status === 500 && !shape.response)) {
    return new GitHubError(`Could not reach GitHub to ${what.action}: ${detail}`, null, true);
  }
  if (status === 401) {
    return new GitHubError(
      `GitHub rejected the token (401 ${detail}) while trying to ${what.action}: renew the token`,
      status,
      false,
    );
  }
  if (isRateLimited(status, shape)) {
    return new GitHubError(
      `GitHub rate limit reached while trying to ${what.action}: ${detail}`,
      status,
      true,
    );
  }
  if (status === 403) {
    return new GitHubError(
      `The token cannot ${what.action} (403 ${detail}): grant ${what.permission}`,
      status,
      false,
    );
  }
  if (status === 404) {
    const hint = what.notFound
      ? `${what.notFound}, or the token cannot see it (grant ${what.permission})`
      : `the token cannot ${what.action}: grant ${what.permission}`;
    return new GitHubError(`Not found (404): ${hint}`, status, false);
  }
  if (status >= 500 || status === 429 || status === 408) {
    return new GitHubError(`GitHub failed to ${what.action} (${status} ${detail})`, status, true);
  }
  return new GitHubError(`GitHub refused to ${what.action} (${status} ${detail})`, status, false);
}

function isRateLimited(status: number, shape: ErrorShape): boolean {
  if (status !== 403 && status !== 429) return false;
  const headers = shape.response?.headers ?? {};
  return (
    status === 429 ||
    headers['x-ratelimit-remaining'] === '0' ||
    headers['retry-after'] !== undefined ||
    /rate limit/i.test(shape.message ?? '')
  );
}

/** GitHub's own error text: "message" plus any validation errors, on one line. */
function githubMessage(shape: ErrorShape): string {
  const data = shape.response?.data;
  if (typeof data === 'object' && data !== null && 'message' in data) {
    const message = String((data as { message: unknown }).message);
    const errors = (data as { errors?: unknown }).errors;
    const extra = Array.isArray(errors)
      ? errors
          .map((e) =>
            typeof e === 'object' && e !== null && 'message' in e ? String(e.message) : JSON.stringify(e),
          )
          .join('; ')
      : '';
    return oneLine(extra ? `${message}: ${extra}` : message);
  }
  return oneLine(shape.message ?? 'unknown error');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}
