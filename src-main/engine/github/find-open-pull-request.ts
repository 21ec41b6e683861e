/**
 * Finds an open pull request whose head is the branch in the same repository: proof that an
 * earlier delivery of the same task already did the work. Fails with a GitHubError.
 */
import type { GitHubClient } from './github-client.ts';
import { toGitHubError } from './github-errors.ts';
import type { RepositoryRef } from './repository-ref.ts';

export interface PullRequestRef {
  readonly number: number;
  readonly url: string;
}

export async function findOpenPullRequest(
  client: GitHubClient,
  repository: RepositoryRef,
  branch: string,
  signal?: AbortSignal,
): Promise<PullRequestRef | null> {
  const { owner, repo, fullName } = repository;
  const response = await client.rest.pulls
    .list({ owner, repo, state: 'open', head: `${owner}:${branch}`, per_page: 10, request: { signal } })
    .catch((error: unknown) => {
      throw toGitHubError(error, {
        action: `list pull requests of ${fullName}`,
        permission: 'Pull requests: read',
      });
    });
  const match = response.data.find((pull) => pull.head.ref === branch);
  return match ? { number: match.number, url: match.html_url } : null;
}
