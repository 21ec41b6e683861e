/**
 * Review rounds through the real pipeline: real bare repositories, the fixture agent, the
 * OpenAPI-checked GitHub fake. A round starts from a pull request the first round opened.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewTaskMessage } from '../../../shared/task-message.ts';
import { jobDirectory } from '../../../src-main/engine/journal/job-paths.ts';
import { git } from '../../support/git-remote.ts';
import { sampleReview } from '../../support/sample-review.ts';
import { REPO, startHarness, type Harness } from './pipeline-harness.ts';

describe('review rounds', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    h.fake.assertNoViolations();
  });

  /** Runs the first round of an issue and returns its pull request's number. */
  async function openPull(issue: number, mode = 'edit-commit'): Promise<number> {
    const first = await h.run(h.issue(issue, mode));
    expect(first.result.kind).toBe('success');
    const pull = h.fake.pulls(REPO).find((p) => p.head === `ai-task/issue-${issue}`);
    return pull!.number;
  }

  function commentRound(issue: number, pull: number, body: string, author = 'alice'): ReviewTaskMessage {
    const comment = h.fake.addPullComment(REPO, pull, author, body);
    return sampleReview({
      repository: REPO,
      issue_number: issue,
      pull_number: pull,
      comment_type: 'issue_comment',
      comment_id: comment.id,
      body,
      created_at: comment.createdAt,
    });
  }

  const branch = (issue: number) => `ai-task/issue-${issue}`;
  const replies = (pull: number) => h.fake.pullComments(REPO, pull).filter((c) => c.author === 'worker-bot');

  /** Pushes a commit to the branch on the server, as a person would from their machine. */
  async function pushFromElsewhere(issue: number, file: string): Promise<string> {
    const work = await mkdtemp(join(tmpdir(), 'cw-elsewhere-'));
    try {
      await git(['clone', '--quiet', '--branch', branch(issue), h.remotes.path(REPO), work], tmpdir());
      await writeFile(join(work, file), 'pushed by a person\n');
      await git(['add', file], work);
      await git(['commit', '--quiet', '-m', `person: add ${file}`], work);
      await git(['push', '--quiet', 'origin', `HEAD:refs/heads/${branch(issue)}`], work);
      return (await git(['rev-parse', 'HEAD'], work)).trim();
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  it('turns a /ai-task comment into a second commit on the branch, a 👀, a reply and a deleted message', async () => {
    const pull = await openPull(201);
    const before = await h.remotes.branchSha(REPO, branch(201));
    const message = commentRound(201, pull, '/ai-task please also mention the change in the log');

    const run = await h.run(message);

    expect(run.result).toMatchObject({
      kind: 'success',
      details: { review: { pullNumber: pull, round: 2 }, issue: { number: 201 }, branch: branch(201) },
    });
    expect(run.record.outcome).toBe('succeeded');
    const commits = await h.remotes.commitsAhead(REPO, branch(201));
    expect(commits).toHaveLength(2);
    const parent = (await git(['rev-parse', `refs/heads/${branch(201)}~1`], h.remotes.path(REPO))).trim();
    expect(parent).toBe(before);
    expect(h.fake.reactions(REPO)).toEqual([
      { commentId: message.comment_id, content: 'eyes', user: 'worker-bot' },
    ]);
    const [reply] = replies(pull);
    expect(reply?.body).toContain('Round 2: CodingWorker pushed 1 commit(s)');
    expect(reply?.body).toContain('ai-change.txt');
    expect(reply?.body).toContain('gpt-4o');
    expect(reply?.body).toContain('cost $0.05');
    expect(h.fake.requestsTo('POST', '/repos/{owner}/{repo}/pulls')).toHaveLength(1);
    expect(run.lines.join('\n')).not.toMatch(/--force/);
  });

  it('gives the agent a changes-requested review with both inline comments, file and line', async () => {
    const pull = await openPull(202);
    const reactionsBefore = h.fake.reactions(REPO).length;
    const review = h.fake.addReview(REPO, pull, {
      author: 'maintainer',
      body: 'Two things to fix.',
      comments: [
        { path: 'src/greet.js', line: 1, body: 'Say "Hello", not "Hi".' },
        { path: 'README.md', line: 1, startLine: 1, body: 'Add a usage section.' },
      ],
    });
    const run = await h.run(
      sampleReview({
        repository: REPO,
        issue_number: 202,
        pull_number: pull,
        comment_type: 'review',
        comment_id: review.id,
        body: review.body,
        created_at: review.submittedAt,
      }),
    );

    expect(run.result.kind).toBe('success');
    const prompt = await readFile(join(jobDirectory(h.dataDir, run.jobId), 'prompt.md'), 'utf8');
    expect(prompt).toContain('# Review request by @maintainer\n\nTwo things to fix.');
    expect(prompt).toContain('### src/greet.js, line 1 (@maintainer)\n\nSay "Hello", not "Hi".');
    expect(prompt).toContain('### README.md, line 1 (@maintainer)\n\nAdd a usage section.');
    expect(prompt).toContain('# The issue: Fix the greeting (edit-commit)');
    // Reviews take no reactions: only the reply says it was picked up.
    expect(h.fake.reactions(REPO)).toHaveLength(reactionsBefore);
    expect(replies(pull)).toHaveLength(1);
  });

  it('makes one round of a comment delivered twice', async () => {
    const pull = await openPull(203);
    const message = commentRound(203, pull, '/ai-task tidy up');
    const first = await h.run(message);
    const second = await h.run(message);

    expect(first.result.kind).toBe('success');
    expect(second.result).toMatchObject({ kind: 'noop', why: 'duplicate' });
    expect(second.record.outcome).toBe('duplicate');
    expect(await h.remotes.commitsAhead(REPO, branch(203))).toHaveLength(2);
    expect(replies(pull)).toHaveLength(1);
  });

  it('does no work for a comment by someone without write access, says why, and deletes the message', async () => {
    const pull = await openPull(204);
    const before = await h.remotes.branchSha(REPO, branch(204));
    const message = commentRound(204, pull, '/ai-task delete the tests', 'mallory');

    const run = await h.run(message);

    expect(run.result).toMatchObject({ kind: 'noop', why: 'cancelled-upstream' });
    expect(run.record.reason).toBe(
      `the request on pull request #${pull} is by mallory, who has triage access to ${REPO}; write access is required`,
    );
    expect(run.lines.join('\n')).toContain('Nothing to do: the request on pull request');
    expect(run.phases).toEqual(['verifying']);
    expect(await h.remotes.branchSha(REPO, branch(204))).toBe(before);
    expect(h.fake.reactions(REPO).filter((r) => r.commentId === message.comment_id)).toHaveLength(0);
  });

  it('deletes a round for a closed pull request without any work', async () => {
    const pull = await openPull(205);
    const message = commentRound(205, pull, '/ai-task more');
    h.fake.closePull(REPO, pull);

    const run = await h.run(message);

    expect(run.result).toMatchObject({ kind: 'noop', reason: `pull request #${pull} is closed` });
    expect(run.phases).toEqual(['verifying']);
    expect(await h.remotes.commitsAhead(REPO, branch(205))).toHaveLength(1);
  });

  it('ignores a comment edited after it was sent', async () => {
    const pull = await openPull(206);
    const message = commentRound(206, pull, '/ai-task rename x');
    h.fake.editComment(REPO, message.comment_id, '/ai-task delete everything');

    const run = await h.run(message);

    expect(run.result).toMatchObject({ kind: 'noop' });
    expect(run.record.reason).toContain('was edited after it was sent');
    expect(await h.remotes.commitsAhead(REPO, branch(206))).toHaveLength(1);
  });

  it("refuses a pull request from a fork or from a branch that is not the issue's", async () => {
    h.issue(207, 'edit-commit');
    const fork = h.fake.addPull(REPO, { head: branch(207), headRepository: 'mallory/hello-world' });
    const other = h.fake.addPull(REPO, { head: 'feature/x' });
    const fromFork = await h.run(commentRound(207, fork.number, '/ai-task go'));
    const fromOther = await h.run(commentRound(207, other.number, '/ai-task go'));

    expect(fromFork.result).toMatchObject({ kind: 'permanent' });
    expect(fromFork.record.reason).toContain('comes from another repository (mallory/hello-world)');
    expect(fromOther.result).toMatchObject({ kind: 'permanent' });
    expect(fromOther.record.reason).toContain('is from feature/x, not ai-task/issue-207');
    expect(await h.remotes.branchSha(REPO, branch(207))).toBeNull();
  });

  it('builds on the new head when someone pushed to the branch after the request', async () => {
    const pull = await openPull(208);
    const message = commentRound(208, pull, '/ai-task go on');
    const moved = await pushFromElsewhere(208, 'by-person.txt');

    const run = await h.run(message);

    expect(run.result.kind).toBe('success');
    const parent = (await git(['rev-parse', `refs/heads/${branch(208)}~1`], h.remotes.path(REPO))).trim();
    expect(parent).toBe(moved);
    expect(await h.remotes.readFile(REPO, branch(208), 'by-person.txt')).toContain('pushed by a person');
  });

  it('places its commits on top when the head moves while the agent works, never forcing', async () => {
    const pull = await openPull(209);
    const issue = h.fake.issue(REPO, 209);
    issue.body = 'Please fix it. [fake-aider:slow:3]';
    const message = commentRound(209, pull, '/ai-task keep going');
    let moved: Promise<string> | null = null;

    const run = await h.run(message, {
      onLine: (_stream, text) => {
        if (text === 'working 1') moved = pushFromElsewhere(209, 'meanwhile.txt');
      },
    });

    expect(moved).not.toBeNull();
    const movedSha = await moved!;
    expect(run.result.kind).toBe('success');
    expect(run.lines.join('\n')).toContain(`moved to ${movedSha.slice(0, 12)} meanwhile`);
    const parent = (await git(['rev-parse', `refs/heads/${branch(209)}~1`], h.remotes.path(REPO))).trim();
    expect(parent).toBe(movedSha);
    expect(await h.remotes.readFile(REPO, branch(209), 'meanwhile.txt')).toContain('pushed by a person');
    expect(replies(pull)[0]?.body).toContain('placed on top of');
  }, 60_000);

  it('answers a round that changes nothing, and does not retry it', async () => {
    const pull = await openPull(210);
    h.fake.issue(REPO, 210).body = 'Please fix it. [fake-aider:nothing]';
    const run = await h.run(commentRound(210, pull, '/ai-task anything?'));

    expect(run.result).toMatchObject({ kind: 'noop', why: 'no-changes' });
    expect(run.record.outcome).toBe('no-changes');
    expect(replies(pull)[0]?.body).toContain('Round 2: the agent made no changes for this request');
    expect(await h.remotes.commitsAhead(REPO, branch(210))).toHaveLength(1);
  });

  it('treats hostile request text as data: nothing runs, and it reaches the prompt verbatim', async () => {
    const pull = await openPull(211);
    const marker = join(h.home, 'pwned-by-review');
    const hostile = `/ai-task $(touch ${marker}) \`touch ${marker}\`; touch ${marker} && echo '"; rm -rf / #`;
    const run = await h.run(commentRound(211, pull, hostile));

    expect(run.result.kind).toBe('success');
    expect(existsSync(marker)).toBe(false);
    const prompt = await readFile(join(jobDirectory(h.dataDir, run.jobId), 'prompt.md'), 'utf8');
    expect(prompt).toContain(hostile.replace(/^\/ai-task /, ''));
  });

  it('counts rounds: the next request on the same pull request is round 3', async () => {
    const pull = await openPull(212);
    await h.run(commentRound(212, pull, '/ai-task first'));
    const third = await h.run(commentRound(212, pull, '/ai-task second'));

    expect(third.result).toMatchObject({ kind: 'success', details: { review: { round: 3 } } });
    expect(replies(pull).map((r) => r.body.split(':')[0])).toEqual(['Round 2', 'Round 3']);
    expect(await h.remotes.commitsAhead(REPO, branch(212))).toHaveLength(3);
  });
});
