/**
 * Every comment on an issue (or pull request), page by page: the one listing the comment finders
 * share. Errors are left to the caller, which knows which action and permission to name.
 */
import type { GitHubClient } from './github-client.ts';
import type { RepositoryRef } from './repository-ref.ts';

export async function* issueComments(
  client: GitHubClient,
  repository: RepositoryRef,
  issueNumber: number,
  signal?: AbortSignal,
) {
  const pages = client.paginate.iterator(client.rest.issues.listComments, {
    owner: repository.owner,
    repo: repository.repo,
    issue_number: issueNumber,
    per_page: 100,
    request: { signal },
  });
  for await (const page of pages) yield* page.data;
}
