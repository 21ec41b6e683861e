/**
 * Reads an issue's state and labels in one request: what the heartbeat re-check needs to tell
 * whether a job is still wanted. Null when the issue was deleted or never existed. Fails with a
 * GitHubError.
 */
import type { GitHubClient } from './github-client.ts';
import { toGitHubError } from './github-errors.ts';
import type { RepositoryRef } from './repository-ref.ts';

export interface IssueState {
  readonly state: 'open' | 'closed';
  /** Label names, lower case. */
  readonly labels: readonly string[];
}

export async function getIssueState(
  client: GitHubClient,
  repository: RepositoryRef,
  issueNumber: number,
  signal?: AbortSignal,
): Promise<IssueState | null> {
  const { owner, repo, fullName } = repository;
  const response = await client.rest.issues
    .get({ owner, repo, issue_number: issueNumber, request: { signal } })
    .catch((error: unknown) => {
      const status = (error as { status?: number }).status;
      if (status === 404 || status === 410) return null;
      throw toGitHubError(error, { action: `read issues of ${fullName}`, permission: 'Issues: read' });
    });
  if (!response) return null;
  const issue = response.data;
  return {
    state: issue.state === 'open' ? 'open' : 'closed',
    labels: issue.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? '')).toLowerCase()),
  };
}
