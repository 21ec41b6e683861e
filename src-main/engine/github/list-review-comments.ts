/**
 * Lists a review's inline comments: the file and line each one is about, and its text, in the
 * order GitHub gives them. Fails with a GitHubError.
 */
import type { GitHubClient } from './github-client.ts';
import { toGitHubError } from './github-errors.ts';
import type { RepositoryRef } from './repository-ref.ts';

export interface ReviewComment {
  readonly path: string;
  /** The line in the file the comment is on (the last line of a multi-line one); null on an outdated diff. */
  readonly line: number | null;
  /** The first line of a multi-line comment. */
  readonly startLine: number | null;
  readonly body: string;
  readonly author: string;
}

/** More inline comments than any review a person writes; the rest are left out. */
const MAX_REVIEW_COMMENTS = 300;

export async function listReviewComments(
  client: GitHubClient,
  repository: RepositoryRef,
  pullNumber: number,
  reviewId: number,
  signal?: AbortSignal,
): Promise<ReviewComment[]> {
  const { owner, repo, fullName } = repository;
  const found: ReviewComment[] = [];
  try {
    const pages = client.paginate.iterator(client.rest.pulls.listCommentsForReview, {
      owner,
      repo,
      pull_number: pullNumber,
      review_id: reviewId,
      per_page: 100,
      request: { signal },
    });
    for await (const page of pages) {
      for (const comment of page.data) {
        found.push({
          path: comment.path,
          line: comment.line ?? comment.original_line ?? null,
          startLine: comment.start_line ?? null,
          body: comment.body,
          author: comment.user?.login ?? 'ghost',
        });
      }
      if (found.length >= MAX_REVIEW_COMMENTS) break;
    }
  } catch (error) {
    throw toGitHubError(error, {
      action: `read review comments of pull requests in ${fullName}`,
      permission: 'Pull requests: read',
    });
  }
  return found.slice(0, MAX_REVIEW_COMMENTS);
}
