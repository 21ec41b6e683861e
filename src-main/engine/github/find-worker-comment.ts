/**
 * Whether the issue already has a comment by the worker carrying `marker` (the worker's hidden
 * per-pull-request mark), so a second worker that found the same pull request does not announce
 * it again. Only comments that also carry the worker's own marker count. Fails with a GitHubError.
 */
import type { GitHubClient } from './github-client.ts';
import { toGitHubError } from './github-errors.ts';
import { issueComments } from './issue-comments.ts';
import { WORKER_COMMENT_MARKER } from './list-issue-comments.ts';
import type { RepositoryRef } from './repository-ref.ts';

export async function findWorkerComment(
  client: GitHubClient,
  repository: RepositoryRef,
  issueNumber: number,
  marker: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const { fullName } = repository;
  try {
    for await (const comment of issueComments(client, repository, issueNumber, signal)) {
      const body = comment.body ?? '';
      if (body.includes(WORKER_COMMENT_MARKER) && body.includes(marker)) return true;
    }
    return false;
  } catch (error) {
    throw toGitHubError(error, {
      action: `read comments on issues of ${fullName}`,
      permission: 'Issues: read',
    });
  }
}
