/**
 * Checks on GitHub that a review-round message asks for real, current work — the message is only
 * a claim. The pull request is open, its head is this issue's `ai-task/issue-N` branch in the
 * same repository (not a fork); the comment or review exists, is on that pull request, says what
 * the message says (unedited since), is a `/ai-task` command or a changes-requested review; its
 * author has write access now; and no earlier delivery answered it already.
 *
 * Returns 'noop' (delete the message: closed, edited, not a writer, answered already) or
 * 'refused' (quarantine: the message does not match GitHub at all). Fails with a GitHubError.
 */
import { issueBranchName, type ReviewTaskMessage } from '../../../../shared/task-message.ts';
import type { PullRequestState } from '../../github/get-pull-request.ts';
import type { ReviewComment } from '../../github/list-review-comments.ts';
import type { RepositoryRef } from '../../github/repository-ref.ts';
import type { ReviewForge } from './review-forge.ts';
import { ROUND_MARKER_PREFIX, roundMarker } from './round-reply.ts';

/** The command a pull-request comment starts with to ask for a round. */
export const ROUND_COMMAND = '/ai-task';

export interface VerifiedRound {
  readonly pull: PullRequestState;
  /** The request's text as GitHub has it (equal to the message's). */
  readonly body: string;
  readonly author: string;
  readonly authorRole: string;
  readonly url: string;
  /** A review's inline comments (empty for a comment). */
  readonly inline: readonly ReviewComment[];
  /** 2 for the first review round: round 1 opened the pull request. */
  readonly round: number;
}

export type RoundVerification =
  | { readonly kind: 'verified'; readonly round: VerifiedRound }
  | { readonly kind: 'noop'; readonly reason: string; readonly why: 'duplicate' | 'cancelled-upstream' }
  | { readonly kind: 'refused'; readonly reason: string };

interface Request {
  readonly body: string;
  readonly author: string;
  readonly url: string;
  readonly inline: readonly ReviewComment[];
}

export async function verifyRound(
  forge: ReviewForge,
  repository: RepositoryRef,
  task: ReviewTaskMessage,
  signal?: AbortSignal,
): Promise<RoundVerification> {
  const number = task.pull_number;
  const pull = await forge.pullRequest(repository, number, signal);
  if (!pull)
    return { kind: 'refused', reason: `pull request #${number} does not exist in ${repository.fullName}` };
  if (pull.state !== 'open') {
    return {
      kind: 'noop',
      why: 'cancelled-upstream',
      reason: `pull request #${number} is ${pull.merged ? 'merged' : 'closed'}`,
    };
  }
  const branch = issueBranchName(task.issue_number);
  if (pull.headRef !== branch) {
    return {
      kind: 'refused',
      reason: `pull request #${number} is from ${pull.headRef}, not ${branch}: the worker only continues its own branches`,
    };
  }
  if (pull.headRepository?.toLowerCase() !== repository.fullName.toLowerCase()) {
    return {
      kind: 'refused',
      reason: `pull request #${number} comes from another repository (${pull.headRepository ?? 'a deleted fork'}); the worker never pushes to forks`,
    };
  }

  const request =
    task.comment_type === 'review'
      ? await reviewRequest(forge, repository, task, signal)
      : await commentRequest(forge, repository, task, signal);
  if (request.kind !== 'found') return request;
  const { author } = request.request;
  const access = await forge.writeAccess(repository, author, signal);
  if (!access.writer) {
    return {
      kind: 'noop',
      why: 'cancelled-upstream',
      reason: `the request on pull request #${number} is by ${author}, who has ${access.role === 'none' ? 'no' : access.role} access to ${repository.fullName}; write access is required`,
    };
  }

  const replies = await forge.markedComments(repository, number, ROUND_MARKER_PREFIX, signal);
  const marker = roundMarker(task.comment_type, task.comment_id);
  if (replies.some((reply) => reply.body.includes(marker))) {
    return {
      kind: 'noop',
      why: 'duplicate',
      reason: `duplicate delivery: the ${task.comment_type === 'review' ? 'review' : 'comment'} ${task.comment_id} on pull request #${number} was answered already`,
    };
  }
  return {
    kind: 'verified',
    round: { pull, ...request.request, authorRole: access.role, round: replies.length + 2 },
  };
}

type RequestLookup =
  { readonly kind: 'found'; readonly request: Request } | Exclude<RoundVerification, { kind: 'verified' }>;

async function commentRequest(
  forge: ReviewForge,
  repository: RepositoryRef,
  task: ReviewTaskMessage,
  signal?: AbortSignal,
): Promise<RequestLookup> {
  const comment = await forge.comment(repository, task.comment_id, signal);
  const what = `comment ${task.comment_id}`;
  if (!comment) return { kind: 'noop', why: 'cancelled-upstream', reason: `the ${what} was deleted` };
  if (comment.issueNumber !== task.pull_number) {
    return { kind: 'refused', reason: `the ${what} is not on pull request #${task.pull_number}` };
  }
  if (comment.body !== task.body || Date.parse(comment.updatedAt) > Date.parse(comment.createdAt)) {
    return {
      kind: 'noop',
      why: 'cancelled-upstream',
      reason: `the ${what} was edited after it was sent; post a new ${ROUND_COMMAND} comment to ask again`,
    };
  }
  if (!comment.body.trimStart().startsWith(ROUND_COMMAND)) {
    return { kind: 'refused', reason: `the ${what} does not start with ${ROUND_COMMAND}` };
  }
  return {
    kind: 'found',
    request: { body: comment.body, author: comment.author, url: comment.htmlUrl, inline: [] },
  };
}

async function reviewRequest(
  forge: ReviewForge,
  repository: RepositoryRef,
  task: ReviewTaskMessage,
  signal?: AbortSignal,
): Promise<RequestLookup> {
  const review = await forge.review(repository, task.pull_number, task.comment_id, signal);
  const what = `review ${task.comment_id}`;
  if (!review) return { kind: 'refused', reason: `there is no ${what} on pull request #${task.pull_number}` };
  if (review.state !== 'CHANGES_REQUESTED') {
    return {
      kind: 'noop',
      why: 'cancelled-upstream',
      reason: `the ${what} no longer requests changes (it is ${review.state.toLowerCase().replace(/_/g, ' ')})`,
    };
  }
  if (review.body !== task.body) {
    return { kind: 'noop', why: 'cancelled-upstream', reason: `the ${what} was edited after it was sent` };
  }
  const inline = await forge.reviewComments(repository, task.pull_number, task.comment_id, signal);
  return {
    kind: 'found',
    request: { body: review.body, author: review.author, url: review.htmlUrl, inline },
  };
}
