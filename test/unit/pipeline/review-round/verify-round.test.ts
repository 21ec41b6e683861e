/**
 * The decision whether a review-round message asks for real, current work, against a GitHub held in
 * memory (the same answers the github/* modules give): every reason to refuse, to drop as a no-op,
 * or to run the round.
 */
import { describe, expect, it } from 'vitest';
import { issueBranchName, type ReviewTaskMessage } from '../../../../shared/task-message.ts';
import type { CommentState } from '../../../../src-main/engine/github/get-issue-comment.ts';
import type { PullRequestState } from '../../../../src-main/engine/github/get-pull-request.ts';
import type { ReviewState } from '../../../../src-main/engine/github/get-pull-request-review.ts';
import type { WriteAccess } from '../../../../src-main/engine/github/get-write-access.ts';
import type { MarkedComment } from '../../../../src-main/engine/github/list-marked-comments.ts';
import type { ReviewComment } from '../../../../src-main/engine/github/list-review-comments.ts';
import type { ReviewForge } from '../../../../src-main/engine/pipeline/review-round/review-forge.ts';
import { roundMarker } from '../../../../src-main/engine/pipeline/review-round/round-reply.ts';
import { verifyRound } from '../../../../src-main/engine/pipeline/review-round/verify-round.ts';

const repository = { owner: 'acme', repo: 'app', fullName: 'acme/app' };

interface GitHubState {
  pull: PullRequestState | null;
  comment: CommentState | null;
  review: ReviewState | null;
  inline: ReviewComment[];
  access: WriteAccess;
  replies: MarkedComment[];
}

function gitHub(overrides: Partial<GitHubState> = {}) {
  const state: GitHubState = {
    pull: {
      number: 7,
      title: 'Fix the thing',
      state: 'open',
      merged: false,
      htmlUrl: 'https://github.com/acme/app/pull/7',
      headRef: issueBranchName(3),
      headSha: 'abc',
      headRepository: 'Acme/App',
      baseRef: 'main',
    },
    comment: {
      id: 100,
      body: '/ai-task please add tests',
      author: 'maintainer',
      authorType: 'User',
      association: 'MEMBER',
      createdAt: '2026-12-01T10:00:00Z',
      updatedAt: '2026-12-01T10:00:00Z',
      issueNumber: 7,
      htmlUrl: 'https://github.com/acme/app/pull/7#issuecomment-100',
    },
    review: {
      id: 200,
      state: 'CHANGES_REQUESTED',
      body: 'Rename the helper',
      author: 'reviewer',
      association: 'MEMBER',
      submittedAt: '2026-12-01T10:00:00Z',
      commitId: 'abc',
      htmlUrl: 'https://github.com/acme/app/pull/7#pullrequestreview-200',
    },
    inline: [{ path: 'src/a.ts', line: 3, startLine: null, body: 'here', author: 'reviewer' }],
    access: { writer: true, role: 'write' },
    replies: [],
    ...overrides,
  };
  const asked: string[] = [];
  const forge: ReviewForge = {
    pullRequest: async (repo, number) => {
      asked.push(`pull ${repo.fullName}#${number}`);
      return state.pull;
    },
    comment: async (_repo, id) => {
      asked.push(`comment ${id}`);
      return state.comment;
    },
    review: async (_repo, pull, id) => {
      asked.push(`review ${pull}/${id}`);
      return state.review;
    },
    reviewComments: async (_repo, pull, id) => {
      asked.push(`inline ${pull}/${id}`);
      return state.inline;
    },
    writeAccess: async (_repo, login) => {
      asked.push(`access ${login}`);
      return state.access;
    },
    react: async () => undefined,
    markedComments: async (_repo, number, marker) => {
      asked.push(`replies #${number} ${marker}`);
      return state.replies;
    },
  };
  return { forge, asked };
}

const commentTask: ReviewTaskMessage = {
  kind: 'review',
  repository: 'acme/app',
  issue_number: 3,
  pull_number: 7,
  comment_type: 'issue_comment',
  comment_id: 100,
  body: '/ai-task please add tests',
  created_at: '2026-12-01T10:00:00Z',
} as ReviewTaskMessage;
const reviewTask: ReviewTaskMessage = {
  ...commentTask,
  comment_type: 'review',
  comment_id: 200,
  body: 'Rename the helper',
};

describe('verifying a review round against GitHub', () => {
  it('runs a round asked for by a writer’s /ai-task comment on the issue’s own open pull request', async () => {
    const { forge, asked } = gitHub();
    const result = await verifyRound(forge, repository, commentTask);
    expect(result).toEqual({
      kind: 'verified',
      round: {
        pull: expect.objectContaining({ number: 7 }),
        body: '/ai-task please add tests',
        author: 'maintainer',
        authorRole: 'write',
        url: 'https://github.com/acme/app/pull/7#issuecomment-100',
        inline: [],
        round: 2,
      },
    });
    expect(asked).toEqual([
      'pull acme/app#7',
      'comment 100',
      'access maintainer',
      'replies #7 <!-- codingworker-round ',
    ]);
  });

  it('accepts a command after leading blank space, and counts earlier rounds', async () => {
    const body = '\n  /ai-task again';
    const { forge } = gitHub({
      comment: { ...(await gitHub().forge.comment(repository, 100))!, body },
      replies: [
        { id: 1, body: roundMarker('issue_comment', 99), author: 'bot' },
        { id: 2, body: roundMarker('review', 100), author: 'bot' },
      ],
    });
    const result = await verifyRound(forge, repository, { ...commentTask, body });
    expect(result).toMatchObject({ kind: 'verified', round: { round: 4, body } });
  });

  it('runs a round for a changes-requested review, with its inline comments', async () => {
    const { forge, asked } = gitHub();
    const result = await verifyRound(forge, repository, reviewTask);
    expect(result).toMatchObject({
      kind: 'verified',
      round: {
        body: 'Rename the helper',
        author: 'reviewer',
        url: 'https://github.com/acme/app/pull/7#pullrequestreview-200',
        inline: [{ path: 'src/a.ts', line: 3, body: 'here' }],
        round: 2,
      },
    });
    expect(asked).toContain('review 7/200');
    expect(asked).toContain('inline 7/200');
  });

  it('refuses a pull request that does not exist', async () => {
    const { forge } = gitHub({ pull: null });
    expect(await verifyRound(forge, repository, commentTask)).toEqual({
      kind: 'refused',
      reason: 'pull request #7 does not exist in acme/app',
    });
  });

  it('drops the message when the pull request is closed or merged', async () => {
    const base = (await gitHub().forge.pullRequest(repository, 7))!;
    for (const [merged, word] of [
      [false, 'closed'],
      [true, 'merged'],
    ] as const) {
      const { forge } = gitHub({ pull: { ...base, state: 'closed', merged } });
      expect(await verifyRound(forge, repository, commentTask)).toEqual({
        kind: 'noop',
        why: 'cancelled-upstream',
        reason: `pull request #7 is ${word}`,
      });
    }
  });

  it('refuses a pull request from another branch or from a fork', async () => {
    const base = (await gitHub().forge.pullRequest(repository, 7))!;
    const other = gitHub({ pull: { ...base, headRef: 'feature/x' } });
    expect(await verifyRound(other.forge, repository, commentTask)).toEqual({
      kind: 'refused',
      reason: `pull request #7 is from feature/x, not ${issueBranchName(3)}: the worker only continues its own branches`,
    });
    const fork = gitHub({ pull: { ...base, headRepository: 'mallory/app' } });
    expect(await verifyRound(fork.forge, repository, commentTask)).toEqual({
      kind: 'refused',
      reason: 'pull request #7 comes from another repository (mallory/app); the worker never pushes to forks',
    });
    const deleted = gitHub({ pull: { ...base, headRepository: null } });
    expect(await verifyRound(deleted.forge, repository, commentTask)).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('(a deleted fork)'),
    });
  });

  it('drops a request by someone without write access, naming their role', async () => {
    const none = gitHub({ access: { writer: false, role: 'none' } });
    expect(await verifyRound(none.forge, repository, commentTask)).toEqual({
      kind: 'noop',
      why: 'cancelled-upstream',
      reason:
        'the request on pull request #7 is by maintainer, who has no access to acme/app; write access is required',
    });
    const read = gitHub({ access: { writer: false, role: 'read' } });
    expect(await verifyRound(read.forge, repository, commentTask)).toMatchObject({
      reason: expect.stringContaining('who has read access to acme/app'),
    });
  });

  it('drops a duplicate delivery of a request that was answered already', async () => {
    const comment = gitHub({
      replies: [{ id: 1, body: `Done.\n${roundMarker('issue_comment', 100)}`, author: 'bot' }],
    });
    expect(await verifyRound(comment.forge, repository, commentTask)).toEqual({
      kind: 'noop',
      why: 'duplicate',
      reason: 'duplicate delivery: the comment 100 on pull request #7 was answered already',
    });
    const review = gitHub({ replies: [{ id: 1, body: roundMarker('review', 200), author: 'bot' }] });
    expect(await verifyRound(review.forge, repository, reviewTask)).toEqual({
      kind: 'noop',
      why: 'duplicate',
      reason: 'duplicate delivery: the review 200 on pull request #7 was answered already',
    });
  });

  describe('a comment', () => {
    const comment = async () => (await gitHub().forge.comment(repository, 100))!;

    it('that was deleted is dropped', async () => {
      const { forge } = gitHub({ comment: null });
      expect(await verifyRound(forge, repository, commentTask)).toEqual({
        kind: 'noop',
        why: 'cancelled-upstream',
        reason: 'the comment 100 was deleted',
      });
    });

    it('on another pull request or issue is refused', async () => {
      for (const issueNumber of [8, null]) {
        const { forge } = gitHub({ comment: { ...(await comment()), issueNumber } });
        expect(await verifyRound(forge, repository, commentTask)).toEqual({
          kind: 'refused',
          reason: 'the comment 100 is not on pull request #7',
        });
      }
    });

    it('whose text differs from the message, or that was edited since, is dropped', async () => {
      const edited = {
        kind: 'noop',
        why: 'cancelled-upstream',
        reason: 'the comment 100 was edited after it was sent; post a new /ai-task comment to ask again',
      };
      const changed = gitHub({ comment: { ...(await comment()), body: '/ai-task delete everything' } });
      expect(await verifyRound(changed.forge, repository, commentTask)).toEqual(edited);
      const later = gitHub({ comment: { ...(await comment()), updatedAt: '2026-12-01T10:00:01Z' } });
      expect(await verifyRound(later.forge, repository, commentTask)).toEqual(edited);
    });

    it('that is not an /ai-task command is refused', async () => {
      const body = 'please /ai-task this';
      const { forge } = gitHub({ comment: { ...(await comment()), body } });
      expect(await verifyRound(forge, repository, { ...commentTask, body })).toEqual({
        kind: 'refused',
        reason: 'the comment 100 does not start with /ai-task',
      });
    });
  });

  describe('a review', () => {
    const review = async () => (await gitHub().forge.review(repository, 7, 200))!;

    it('that does not exist is refused', async () => {
      const { forge } = gitHub({ review: null });
      expect(await verifyRound(forge, repository, reviewTask)).toEqual({
        kind: 'refused',
        reason: 'there is no review 200 on pull request #7',
      });
    });

    it('that no longer requests changes is dropped, naming its state', async () => {
      const { forge, asked } = gitHub({ review: { ...(await review()), state: 'CHANGES_REQUESTED_NOT' } });
      expect(await verifyRound(forge, repository, reviewTask)).toEqual({
        kind: 'noop',
        why: 'cancelled-upstream',
        reason: 'the review 200 no longer requests changes (it is changes requested not)',
      });
      expect(asked).not.toContain('inline 7/200');
      const dismissed = gitHub({ review: { ...(await review()), state: 'DISMISSED' } });
      expect(await verifyRound(dismissed.forge, repository, reviewTask)).toMatchObject({
        reason: 'the review 200 no longer requests changes (it is dismissed)',
      });
    });

    it('whose text differs from the message is dropped', async () => {
      const { forge } = gitHub({ review: { ...(await review()), body: 'Something else' } });
      expect(await verifyRound(forge, repository, reviewTask)).toEqual({
        kind: 'noop',
        why: 'cancelled-upstream',
        reason: 'the review 200 was edited after it was sent',
      });
    });
  });
});
