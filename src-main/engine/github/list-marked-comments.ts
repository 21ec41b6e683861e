/**
 * Finds the worker's own comments on an issue or pull request that carry a given marker (a
 * hidden HTML comment): how a review round knows it was answered already, and which round comes
 * next. Only comments by the token's own user count, so nobody can forge an answer. Fails with a
 * GitHubError.
 */
import type { GitHubClient } from './github-client.ts';
import { toGitHubError } from './github-errors.ts';
import { issueComments } from './issue-comments.ts';
import type { RepositoryRef } from './repository-ref.ts';

export interface MarkedComment {
  readonly id: number;
  readonly body: string;
  readonly author: string;
}

export async function listMarkedComments(
  client: GitHubClient,
  repository: RepositoryRef,
  issueNumber: number,
  marker: string,
  signal?: AbortSignal,
): Promise<MarkedComment[]> {
  const { fullName } = repository;
  const found: MarkedComment[] = [];
  try {
    const self = await client.rest.users.getAuthenticated({ request: { signal } });
    for await (const comment of issueComments(client, repository, issueNumber, signal)) {
      const body = comment.body ?? '';
      if (comment.user?.login !== self.data.login || !body.includes(marker)) continue;
      found.push({ id: comment.id, body, author: comment.user.login });
    }
  } catch (error) {
    throw toGitHubError(error, {
      action: `read comments on pull requests of ${fullName}`,
      permission: 'Issues: read (or Pull requests: read)',
    });
  }
  return found;
}
