import { describe, expect, it } from 'vitest';
import type { GitHubError } from '../../../src-main/engine/github/github-errors.ts';
import { toGitHubError } from '../../../src-main/engine/github/github-errors.ts';

const what = {
  action: 'read issues of o/r',
  permission: 'Issues: read',
  notFound: 'issue #4 does not exist in o/r',
};
const requestError = (status: number, message: string, headers: Record<string, string> = {}) =>
  Object.assign(new Error(message), { status, response: { headers, data: { message } } });

describe('GitHub errors', () => {
  it('names the permission to grant on 403', () => {
    const error = toGitHubError(
      requestError(403, 'Resource not accessible by personal access token'),
      what,
    ) as GitHubError;
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      'The token cannot read issues of o/r (403 Resource not accessible by personal access token): grant Issues: read',
    );
  });

  it('on 404 says what may be missing, the thing or the permission', () => {
    const error = toGitHubError(requestError(404, 'Not Found'), what) as GitHubError;
    expect(error.message).toBe(
      'Not found (404): issue #4 does not exist in o/r, or the token cannot see it (grant Issues: read)',
    );
  });

  it('counts 5xx, 429, rate-limited 403 and network failures as worth retrying', () => {
    expect((toGitHubError(requestError(502, 'Bad Gateway'), what) as GitHubError).retryable).toBe(true);
    expect((toGitHubError(requestError(429, 'Too many'), what) as GitHubError).retryable).toBe(true);
    const limited = toGitHubError(
      requestError(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0' }),
      what,
    );
    expect((limited as GitHubError).retryable).toBe(true);
    expect(limited.message).toContain('rate limit');
    const offline = toGitHubError(
      Object.assign(new Error('getaddrinfo ENOTFOUND api.github.com'), { status: 500 }),
      what,
    );
    expect(offline.message).toBe(
      'Could not reach GitHub to read issues of o/r: getaddrinfo ENOTFOUND api.github.com',
    );
    expect((offline as GitHubError).retryable).toBe(true);
  });

  it('says the token was rejected on 401, not retryable', () => {
    const error = toGitHubError(requestError(401, 'Bad credentials'), what) as GitHubError;
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('GitHub rejected the token (401 Bad credentials)');
  });

  it('includes GitHub’s validation messages on 422', () => {
    const error = Object.assign(new Error('Validation Failed'), {
      status: 422,
      response: {
        headers: {},
        data: { message: 'Validation Failed', errors: [{ message: 'A pull request already exists' }] },
      },
    });
    expect(toGitHubError(error, what).message).toContain('Validation Failed: A pull request already exists');
  });

  it('passes aborts through untouched', () => {
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    expect(toGitHubError(abort, what)).toBe(abort);
  });
});
