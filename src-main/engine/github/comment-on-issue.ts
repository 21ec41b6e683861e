/** Posts a comment on an issue, marked as the worker's own. Fails with a GitHubError. */
import type { GitHubClient } from './github-client.ts';
import { toGitHubError } from './github-errors.ts';
import { WORKER_COMMENT_MARKER } from './list-issue-comments.ts';
import type { RepositoryRef } from './repository-ref.ts';

/** GitHub's limit on a comment body. */
export const MAX_COMMENT_CHARS = 65_536;

export async function commentOnIssue(
  client: GitHubClient,
  repository: RepositoryRef,
  issueNumber: number,
  body: string,
  signal?: AbortSignal,
): Promise<string> {
  const { owner, repo, fullName } = repository;
  const marked = `${body.slice(0, MAX_COMMENT_CHARS - WORKER_COMMENT_MARKER.length - 1)}\n${WORKER_COMMENT_MARKER}`;
  const response = await client.rest.issues
    .createComment({ owner, repo, issue_number: issueNumber, body: marked, request: { signal } })
    .catch((error: unknown) => {
      throw toGitHubError(error, { action: `comment on issues of ${fullName}`, permission: 'Issues: write' });
    });
  return response.data.html_url;
}
