/**
 * Asks GitHub who the token belongs to, for the doctor. Classic tokens list their scopes in the
 * X-OAuth-Scopes header; fine-grained tokens and app tokens have none (scopes is null).
 * Fails with a GitHubError (401 for a bad token).
 */
import type { GitHubClient } from './github-client.ts';
import { toGitHubError } from './github-errors.ts';

export interface GitHubTokenCheck {
  readonly login: string;
  /** Classic token scopes, e.g. ['repo']; null for fine-grained and app tokens. */
  readonly scopes: readonly string[] | null;
}

export async function checkGitHubToken(
  client: GitHubClient,
  signal?: AbortSignal,
): Promise<GitHubTokenCheck> {
  const response = await client.rest.users
    .getAuthenticated({ request: { signal } })
    .catch((error: unknown) => {
      throw toGitHubError(error, { action: 'read the signed-in user', permission: 'a valid token' });
    });
  const header = response.headers['x-oauth-scopes'];
  const scopes =
    typeof header === 'string'
      ? header
          .split(',')
          .map((scope) => scope.trim())
          .filter((scope) => scope.length > 0)
      : null;
  return { login: response.data.login, scopes };
}
