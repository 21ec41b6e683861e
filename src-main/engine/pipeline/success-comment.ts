/**
 * The "opened a pull request" comment, once per pull request: it carries a hidden mark naming the
 * pull request, and a worker that only found an existing pull request (another worker pushed the
 * same work first) looks for that mark before commenting. A forge that cannot look (the sandbox)
 * comments as before.
 */
import type { PullRequestRef } from '../github/find-open-pull-request.ts';
import type { RepositoryRef } from '../github/repository-ref.ts';
import type { Forge } from './forge.ts';
import { successComment } from './pull-request-text.ts';

export function pullRequestMark(pullNumber: number): string {
  return `<!-- codingworker:pull-request:${pullNumber} -->`;
}

export type SuccessCommentOutcome = 'commented' | 'already-commented' | 'nowhere';

export async function commentOncePerPullRequest(input: {
  readonly forge: Forge;
  readonly repository: RepositoryRef;
  readonly issueNumber: number;
  readonly pr: PullRequestRef & { readonly existing: boolean };
  readonly signal?: AbortSignal;
}): Promise<SuccessCommentOutcome> {
  const { forge, repository, issueNumber, pr, signal } = input;
  const mark = pullRequestMark(pr.number);
  if (pr.existing && (await forge.hasWorkerComment?.(repository, issueNumber, mark, signal)))
    return 'already-commented';
  const body = `${successComment(pr.url, pr.number)}\n${mark}`;
  return (await forge.comment(repository, issueNumber, body, signal)) ? 'commented' : 'nowhere';
}
