/**
 * Reads an issue's discussion for the agent's prompt: comments by people GitHub associates with
 * the repository (owner, organisation member, collaborator) — not bots', not the worker's own,
 * and not those of anyone else, whose words nobody with access approved — oldest first, stopping
 * once a size budget is spent. Fails with a GitHubError.
 */
import type { GitHubClient } from './github-client.ts';
import { toGitHubError } from './github-errors.ts';
import type { RepositoryRef } from './repository-ref.ts';

/** Hidden in every comment the worker writes, so it never feeds its own words back to the agent. */
export const WORKER_COMMENT_MARKER = '<!-- codingworker -->';

export interface IssueComment {
  readonly author: string;
  readonly createdAt: string;
  readonly body: string;
}

export interface IssueComments {
  readonly comments: readonly IssueComment[];
  /** How many comments were left out to keep within the budget. */
  readonly omitted: number;
  /** How many comments were left out because their authors have no standing in the repository. */
  readonly excluded?: number;
}

/** author_association values whose comments reach the agent. */
export const TRUSTED_ASSOCIATIONS: ReadonlySet<string> = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

export async function listIssueComments(
  client: GitHubClient,
  repository: RepositoryRef,
  issueNumber: number,
  options: { readonly maxChars: number; readonly maxComments?: number; readonly signal?: AbortSignal },
): Promise<IssueComments> {
  const { owner, repo, fullName } = repository;
  const maxComments = options.maxComments ?? 300;
  const all: IssueComment[] = [];
  let excluded = 0;
  try {
    const pages = client.paginate.iterator(client.rest.issues.listComments, {
      owner,
      repo,
      issue_number: issueNumber,
      per_page: 100,
      request: { signal: options.signal },
    });
    for await (const page of pages) {
      for (const comment of page.data) {
        const body = comment.body ?? '';
        if (comment.user?.type === 'Bot' || body.includes(WORKER_COMMENT_MARKER)) continue;
        if (!TRUSTED_ASSOCIATIONS.has(comment.author_association)) {
          excluded++;
          continue;
        }
        all.push({ author: comment.user?.login ?? 'ghost', createdAt: comment.created_at, body });
      }
      if (all.length >= maxComments) break;
    }
  } catch (error) {
    throw toGitHubError(error, {
      action: `read comments on issues of ${fullName}`,
      permission: 'Issues: read',
    });
  }
  // The newest comments usually carry the latest clarifications: keep from the end.
  const kept: IssueComment[] = [];
  let budget = options.maxChars;
  for (let i = all.length - 1; i >= 0 && kept.length < maxComments; i--) {
    const comment = all[i]!;
    const cost = comment.body.length + comment.author.length + 40;
    if (cost > budget) break;
    budget -= cost;
    kept.unshift(comment);
  }
  return { comments: kept, omitted: all.length - kept.length, excluded };
}
