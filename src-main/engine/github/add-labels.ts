/**
 * Adds labels to an issue or a pull request (GitHub creates a label that does not exist yet).
 * Fails with a GitHubError.
 */
import type { GitHubClient } from './github-client.ts';
import { toGitHubError } from './github-errors.ts';
import type { RepositoryRef } from './repository-ref.ts';

export async function addLabels(
  client: GitHubClient,
  repository: RepositoryRef,
  issueNumber: number,
  labels: readonly string[],
  signal?: AbortSignal,
): Promise<void> {
  const { owner, repo, fullName } = repository;
  await client.rest.issues
    .addLabels({ owner, repo, issue_number: issueNumber, labels: [...labels], request: { signal } })
    .catch((error: unknown) => {
      throw toGitHubError(error, { action: `label issues of ${fullName}`, permission: 'Issues: write' });
    });
}
