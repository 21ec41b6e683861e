// The success comment is posted once per pull request, whichever worker found the pull request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../../src-main/engine/github/github-client.ts';
import { parseRepository } from '../../../src-main/engine/github/repository-ref.ts';
import { gitHubForge } from '../../../src-main/engine/pipeline/forge.ts';
import {
  commentOncePerPullRequest,
  pullRequestMark,
} from '../../../src-main/engine/pipeline/success-comment.ts';
import { GitHubFake } from '../../support/github-fake/github-fake.ts';

const REPO = 'octo-org/hello-world';
const TOKEN = 'ghp_CommentOnceToken0123456789abcdefghijABC';
let fake: GitHubFake;

beforeAll(async () => {
  fake = await GitHubFake.start({ token: TOKEN });
  fake.addRepo(REPO, { collaborators: { alice: 'admin', mallory: 'read' } });
});
afterAll(async () => {
  fake.assertNoViolations();
  await fake.stop();
});

/** A worker of its own: its own client and forge, as a second machine would have. */
const worker = () =>
  gitHubForge(createGitHubClient({ token: TOKEN, apiUrl: fake.url, waitUnitMs: 5, spaceWrites: false }));

describe('the success comment', () => {
  const repository = parseRepository(REPO)!;

  it('is posted by the worker that opened the pull request, and not again by one that only found it', async () => {
    fake.addIssue(REPO, { number: 91, title: 't', body: 'b', labeledBy: 'alice' });
    const pr = { number: 12, url: `https://github.com/${REPO}/pull/12` };
    expect(
      await commentOncePerPullRequest({
        forge: worker(),
        repository,
        issueNumber: 91,
        pr: { ...pr, existing: false },
      }),
    ).toBe('commented');
    expect(
      await commentOncePerPullRequest({
        forge: worker(),
        repository,
        issueNumber: 91,
        pr: { ...pr, existing: true },
      }),
    ).toBe('already-commented');
    const comments = fake.comments(REPO, 91);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('CodingWorker opened pull request #12');
  });

  it('is posted for a pull request found open when no worker announced it yet, or for a different one', async () => {
    fake.addIssue(REPO, { number: 92, title: 't', body: 'b', labeledBy: 'alice' });
    const pr = (number: number) => ({
      number,
      url: `https://github.com/${REPO}/pull/${number}`,
      existing: true,
    });
    // Someone else quoting the mark without the worker's own marker does not silence the worker.
    fake.addComment(REPO, 92, 'mallory', pullRequestMark(13));
    expect(
      await commentOncePerPullRequest({ forge: worker(), repository, issueNumber: 92, pr: pr(13) }),
    ).toBe('commented');
    expect(
      await commentOncePerPullRequest({ forge: worker(), repository, issueNumber: 92, pr: pr(14) }),
    ).toBe('commented');
    expect(
      await commentOncePerPullRequest({ forge: worker(), repository, issueNumber: 92, pr: pr(14) }),
    ).toBe('already-commented');
    expect(fake.comments(REPO, 92).filter((c) => c.body.includes('CodingWorker opened'))).toHaveLength(2);
  });
});
