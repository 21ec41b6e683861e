/**
 * Opens the pull request for a pushed branch. When drafts are asked for but the repository's plan
 * does not support them, opens a normal one instead. Fails with a GitHubError; a 422 saying a pull
 * request already exists is reported as `existing` so a racing delivery is not treated as failure.
 */
import type { GitHubClient } from './github-client.ts';
import { GitHubError, toGitHubError } from './github-errors.ts';
import type { PullRequestRef } from './find-open-pull-request.ts';
import { findOpenPullRequest } from './find-open-pull-request.ts';
import type { RepositoryRef } from './repository-ref.ts';

export interface OpenPullRequestInput {
  readonly repository: RepositoryRef;
  readonly branch: string;
  readonly base: string;
  readonly title: string;
  readonly body: string;
  readonly draft: boolean;
  readonly signal?: AbortSignal;
}

export type OpenPullRequestResult = PullRequestRef & { readonly existing: boolean; readonly draft: boolean };

export async function openPullRequest(
  client: GitHubClient,
  input: OpenPullRequestInput,
): Promise<OpenPullRequestResult> {
  const { owner, repo, fullName } = input.repository;
  const create = (draft: boolean) =>
    client.rest.pulls.create({
      owner,
      repo,
      head: input.branch,
      base: input.base,
      title: input.title,
      body: input.body,
      ...(draft ? { draft: true } : {}),
      request: { signal: input.signal },
    });
  const what = { action: `open pull requests in ${fullName}`, permission: 'Pull requests: write' };
  let draft = input.draft;
  try {
    const response = await create(draft).catch(async (error: unknown) => {
      if (draft && isDraftUnsupported(error)) {
        draft = false;
        return create(false);
      }
      throw error;
    });
    return { number: response.data.number, url: response.data.html_url, existing: false, draft };
  } catch (error) {
    const converted = toGitHubError(error, what);
    if (
      converted instanceof GitHubError &&
      converted.status === 422 &&
      /already exists/i.test(converted.message)
    ) {
      const existing = await findOpenPullRequest(client, input.repository, input.branch, input.signal);
      if (existing) return { ...existing, existing: true, draft };
    }
    throw converted;
  }
}

function isDraftUnsupported(error: unknown): boolean {
  const shape = error as { status?: number; message?: string };
  return shape.status === 422 && /draft/i.test(shape.message ?? '');
}
