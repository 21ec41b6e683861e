/**
 * The fake's review-round endpoints: one pull request, its reviews and a review's inline
 * comments, one conversation comment by id, and reactions to it.
 */
import { NOT_FOUND, page, type RepoRoutes, type RouteRequest } from './route-handler.ts';
import type { FakeRepo } from './state.ts';

const pullOf = (repo: FakeRepo, request: RouteRequest) =>
  repo.pulls.find((p) => p.number === Number(request.params.pull_number));

export const reviewRoutes: RepoRoutes = {
  'GET /repos/{owner}/{repo}/pulls/{pull_number}': ({ payloads }, repo, request) => {
    const pull = pullOf(repo, request);
    return pull ? [200, payloads.pull(repo, pull)] : NOT_FOUND;
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}': ({ payloads }, repo, request) => {
    const pull = pullOf(repo, request);
    const review = pull?.reviews?.find((r) => r.id === Number(request.params.review_id));
    return pull && review ? [200, payloads.review(repo, pull, review)] : NOT_FOUND;
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments': (
    { payloads },
    repo,
    request,
  ) => {
    const pull = pullOf(repo, request);
    const review = pull?.reviews?.find((r) => r.id === Number(request.params.review_id));
    if (!pull || !review) return NOT_FOUND;
    return page(
      request.url,
      review.comments.map((c) => payloads.reviewComment(repo, pull, review, c)),
    );
  },

  'GET /repos/{owner}/{repo}/issues/comments/{comment_id}': ({ state, payloads }, repo, request) => {
    const found = state.findComment(repo, Number(request.params.comment_id));
    return found ? [200, payloads.comment(repo, { number: found.number }, found.comment)] : NOT_FOUND;
  },

  'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions': (
    { state, payloads, options },
    repo,
    request,
  ) => {
    const commentId = Number(request.params.comment_id);
    if (!state.findComment(repo, commentId)) return NOT_FOUND;
    const content = (request.body as { content: string }).content;
    const login = options.login ?? 'worker-bot';
    const existing = repo.reactions.findIndex(
      (r) => r.commentId === commentId && r.content === content && r.user === login,
    );
    if (existing >= 0) return [200, payloads.reaction(existing + 1, content, login)];
    repo.reactions.push({ commentId, content, user: login });
    return [201, payloads.reaction(repo.reactions.length, content, login)];
  },
};
