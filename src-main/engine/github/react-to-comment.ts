/**
 * Adds a reaction (👀 "eyes" when a round is picked up) to a conversation comment, so its author
 * sees the request was taken. GitHub answers 200 when the reaction exists already. Fails with a
 * GitHubError.
 */
import type { GitHubClient } from './github-client.ts';
import { toGitHubError } from './github-errors.ts';
import type { RepositoryRef } from './repository-ref.ts';

export async function reactToComment(
  client: GitHubClient,
  repository: RepositoryRef,
  commentId: number,
  content: 'eyes' | '+1' | 'rocket' | 'confused',
  signal?: AbortSignal,
): Promise<void> {
  const { owner, repo, fullName } = repository;
  await client.rest.reactions
    .createForIssueComment({ owner, repo, comment_id: commentId, content, request: { signal } })
    .catch((error: unknown) => {
      throw toGitHubError(error, {
        action: `react to comments in ${fullName}`,
        permission: 'Issues: write (or Pull requests: write)',
      });
    });
}
