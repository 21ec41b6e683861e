/**
 * Reads one comment on an issue or pull request (conversation comments; not review comments) by
 * its id. Null when it was deleted. Fails with a GitHubError.
 */
import type { GitHubClient } from './github-client.ts';
import { toGitHubError } from './github-errors.ts';
import type { RepositoryRef } from './repository-ref.ts';

export interface CommentState {
  readonly id: number;
  readonly body: string;
  readonly author: string;
  readonly authorType: string;
  readonly association: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The number of the issue or pull request it is on (from its issue_url). */
  readonly issueNumber: number | null;
  readonly htmlUrl: string;
}

export async function getIssueComment(
  client: GitHubClient,
  repository: RepositoryRef,
  commentId: number,
  signal?: AbortSignal,
): Promise<CommentState | null> {
  const { owner, repo, fullName } = repository;
  const response = await client.rest.issues
    .getComment({ owner, repo, comment_id: commentId, request: { signal } })
    .catch((error: unknown) => {
      if ((error as { status?: number }).status === 404) return null;
      throw toGitHubError(error, {
        action: `read comments on pull requests of ${fullName}`,
        permission: 'Issues: read (or Pull requests: read)',
      });
    });
  if (!response) return null;
  const comment = response.data;
  const number = /\/issues\/(\d+)$/.exec(comment.issue_url)?.[1];
  return {
    id: comment.id,
    body: comment.body ?? '',
    author: comment.user?.login ?? 'ghost',
    authorType: comment.user?.type ?? 'User',
    association: comment.author_association,
    createdAt: comment.created_at,
    updatedAt: comment.updated_at,
    issueNumber: number ? Number(number) : null,
    htmlUrl: comment.html_url,
  };
}
