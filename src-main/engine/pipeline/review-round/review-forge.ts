/**
 * What a review round asks of GitHub, beyond what an issue's job asks (forge.ts): the pull
 * request, the comment or review that asked for the round and its inline comments, the asker's
 * access, a 👀 reaction, and the worker's earlier round replies. One GitHub module per operation
 * (src-main/engine/github/); this seam only groups them so tests and the sandbox can tell when
 * there is no GitHub to ask.
 */
import type { GitHubClient } from '../../github/github-client.ts';
import { getIssueComment, type CommentState } from '../../github/get-issue-comment.ts';
import { getPullRequest, type PullRequestState } from '../../github/get-pull-request.ts';
import { getPullRequestReview, type ReviewState } from '../../github/get-pull-request-review.ts';
import { getWriteAccess, type WriteAccess } from '../../github/get-write-access.ts';
import { listMarkedComments, type MarkedComment } from '../../github/list-marked-comments.ts';
import { listReviewComments, type ReviewComment } from '../../github/list-review-comments.ts';
import { reactToComment } from '../../github/react-to-comment.ts';
import type { RepositoryRef } from '../../github/repository-ref.ts';

export interface ReviewForge {
  pullRequest(
    repository: RepositoryRef,
    number: number,
    signal?: AbortSignal,
  ): Promise<PullRequestState | null>;
  comment(repository: RepositoryRef, id: number, signal?: AbortSignal): Promise<CommentState | null>;
  review(
    repository: RepositoryRef,
    pullNumber: number,
    id: number,
    signal?: AbortSignal,
  ): Promise<ReviewState | null>;
  reviewComments(
    repository: RepositoryRef,
    pullNumber: number,
    reviewId: number,
    signal?: AbortSignal,
  ): Promise<ReviewComment[]>;
  writeAccess(repository: RepositoryRef, login: string, signal?: AbortSignal): Promise<WriteAccess>;
  react(repository: RepositoryRef, commentId: number, signal?: AbortSignal): Promise<void>;
  markedComments(
    repository: RepositoryRef,
    number: number,
    marker: string,
    signal?: AbortSignal,
  ): Promise<MarkedComment[]>;
}

export function gitHubReviewForge(client: GitHubClient): ReviewForge {
  return {
    pullRequest: (repository, number, signal) => getPullRequest(client, repository, number, signal),
    comment: (repository, id, signal) => getIssueComment(client, repository, id, signal),
    review: (repository, pullNumber, id, signal) =>
      getPullRequestReview(client, repository, pullNumber, id, signal),
    reviewComments: (repository, pullNumber, reviewId, signal) =>
      listReviewComments(client, repository, pullNumber, reviewId, signal),
    writeAccess: (repository, login, signal) => getWriteAccess(client, repository, login, signal),
    react: (repository, commentId, signal) => reactToComment(client, repository, commentId, 'eyes', signal),
    markedComments: (repository, number, marker, signal) =>
      listMarkedComments(client, repository, number, marker, signal),
  };
}
