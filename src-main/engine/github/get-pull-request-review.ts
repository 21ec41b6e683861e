/** Reads one review of a pull request by its id. Null when it does not exist. Fails with a GitHubError. */
import type { GitHubClient } from './github-client.ts';
import { toGitHubError } from './github-errors.ts';
import type { RepositoryRef } from './repository-ref.ts';

export interface ReviewState {
  readonly id: number;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING. */
  readonly state: string;
  readonly body: string;
  readonly author: string;
  readonly association: string;
  readonly submittedAt: string | null;
  readonly commitId: string | null;
  readonly htmlUrl: string;
}

export async function getPullRequestReview(
  client: GitHubClient,
  repository: RepositoryRef,
  pullNumber: number,
  reviewId: number,
  signal?: AbortSignal,
): Promise<ReviewState | null> {
  const { owner, repo, fullName } = repository;
  const response = await client.rest.pulls
    .getReview({ owner, repo, pull_number: pullNumber, review_id: reviewId, request: { signal } })
    .catch((error: unknown) => {
      if ((error as { status?: number }).status === 404) return null;
      throw toGitHubError(error, {
        action: `read reviews of pull requests in ${fullName}`,
        permission: 'Pull requests: read',
      });
    });
  if (!response) return null;
  const review = response.data;
  return {
    id: review.id,
    state: review.state,
    body: review.body ?? '',
    author: review.user?.login ?? 'ghost',
    association: review.author_association,
    submittedAt: review.submitted_at ?? null,
    commitId: review.commit_id ?? null,
    htmlUrl: review.html_url,
  };
}
