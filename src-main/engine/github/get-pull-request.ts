/**
 * Reads one pull request: its state, head (branch, commit, and the repository it lives in — a
 * fork's head is elsewhere) and base. Null when it does not exist. Fails with a GitHubError.
 */
import type { GitHubClient } from './github-client.ts';
import { toGitHubError } from './github-errors.ts';
import type { RepositoryRef } from './repository-ref.ts';

export interface PullRequestState {
  readonly number: number;
  readonly title: string;
  readonly state: 'open' | 'closed';
  readonly merged: boolean;
  readonly htmlUrl: string;
  readonly headRef: string;
  readonly headSha: string;
  /** owner/name of the head's repository; null when that repository was deleted. */
  readonly headRepository: string | null;
  readonly baseRef: string;
}

export async function getPullRequest(
  client: GitHubClient,
  repository: RepositoryRef,
  pullNumber: number,
  signal?: AbortSignal,
): Promise<PullRequestState | null> {
  const { owner, repo, fullName } = repository;
  const response = await client.rest.pulls
    .get({ owner, repo, pull_number: pullNumber, request: { signal } })
    .catch((error: unknown) => {
      if ((error as { status?: number }).status === 404) return null;
      throw toGitHubError(error, {
        action: `read pull requests of ${fullName}`,
        permission: 'Pull requests: read',
      });
    });
  if (!response) return null;
  const pull = response.data;
  return {
    number: pull.number,
    title: pull.title,
    state: pull.state === 'open' ? 'open' : 'closed',
    merged: pull.merged === true,
    htmlUrl: pull.html_url,
    headRef: pull.head.ref,
    headSha: pull.head.sha,
    headRepository: pull.head.repo?.full_name ?? null,
    baseRef: pull.base.ref,
  };
}
