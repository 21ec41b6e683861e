// The review-round builder through bash and jq as the workflow runs it: which events are rounds,
// and that each message is exactly what the worker's schema accepts — for any comment text.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseTaskMessage } from '../../../shared/task-message.ts';
import { scratchDir, writeEvent } from './support/issue-events.ts';
import { MESSAGES_DIR, minimalEnv, runScript } from './support/run-script.ts';

const CANARY = join(tmpdir(), `pwned-review-${randomUUID()}`);
const scratch = scratchDir('build-review-message-');
afterEach(() => rmSync(CANARY, { force: true }));
afterAll(() => scratch.cleanup());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- event fixtures

const fixture = (name: string): Json => JSON.parse(readFileSync(join(MESSAGES_DIR, name), 'utf8')) as Json;
const commentEvent = (edit: (event: Json) => void = () => undefined) => {
  const event = fixture('issue-comment-event.json');
  edit(event);
  return event;
};
const reviewEvent = (edit: (event: Json) => void = () => undefined) => {
  const event = fixture('pull-request-review-event.json');
  edit(event);
  return event;
};
const pull = (edit: (pull: Json) => void = () => undefined) => {
  const value = fixture('pull-request.json');
  edit(value);
  return value;
};

async function build(event: Json, pullRequest?: Json) {
  const args = [writeEvent(scratch.dir, event, `${randomUUID()}.json`)];
  if (pullRequest) args.push(writeEvent(scratch.dir, pullRequest, `${randomUUID()}.json`));
  return runScript('build-review-message.sh', args, minimalEnv());
}

describe('build-review-message.sh', () => {
  it("turns a writer's /ai-task comment on an ai-task pull request into a round the worker accepts", async () => {
    const result = await build(commentEvent(), pull());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[\x20-\x7e]+\n$/);
    const expected = {
      kind: 'review',
      repository: 'octo-org/octo-repo',
      issue_number: 42,
      pull_number: 57,
      comment_type: 'issue_comment',
      comment_id: 2712345678,
      body: '/ai-task also print the number of files that would be written',
      created_at: '2026-02-02T10:15:00Z',
    };
    expect(JSON.parse(result.stdout)).toEqual(expected);
    expect(parseTaskMessage(result.stdout)).toEqual({ ok: true, value: expected });
  });

  it("turns a member's changes-requested review into a round, from the event alone", async () => {
    const result = await build(reviewEvent());
    expect(result.code).toBe(0);
    const parsed = parseTaskMessage(result.stdout);
    expect(parsed).toEqual({
      ok: true,
      value: {
        kind: 'review',
        repository: 'octo-org/octo-repo',
        issue_number: 42,
        pull_number: 57,
        comment_type: 'review',
        comment_id: 2843219876,
        body: 'Close, but the flag must also work with --format json.',
        created_at: '2026-02-02T11:00:00Z',
      },
    });
  });

  it('accepts a review with no summary (only inline comments)', async () => {
    const result = await build(reviewEvent((e) => (e.review.body = null)));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).body).toBe('');
  });

  it.each([
    [
      'a commenter without association',
      commentEvent((e) => (e.comment.author_association = 'CONTRIBUTOR')),
      pull(),
      'the author is CONTRIBUTOR',
    ],
    [
      'a first-time commenter',
      commentEvent((e) => (e.comment.author_association = 'NONE')),
      pull(),
      'the author is NONE',
    ],
    [
      'a reviewer without association',
      reviewEvent((e) => (e.review.author_association = 'CONTRIBUTOR')),
      undefined,
      'the author is CONTRIBUTOR',
    ],
    [
      'a comment that is not a command',
      commentEvent((e) => (e.comment.body = 'looks good, /ai-task later')),
      pull(),
      'does not start with /ai-task',
    ],
    [
      'a command in other case',
      commentEvent((e) => (e.comment.body = '/AI-TASK do it')),
      pull(),
      'does not start with /ai-task',
    ],
    [
      'a command glued to a word',
      commentEvent((e) => (e.comment.body = '/ai-tasks do it')),
      pull(),
      'does not start with /ai-task',
    ],
    [
      'a comment on an issue',
      commentEvent((e) => delete e.issue.pull_request),
      undefined,
      'on an issue, not a pull request',
    ],
    ['an edited comment', commentEvent((e) => (e.action = 'edited')), pull(), 'was edited, not created'],
    [
      'an approving review',
      reviewEvent((e) => (e.review.state = 'approved')),
      undefined,
      'does not request changes',
    ],
    [
      'a commenting review',
      reviewEvent((e) => (e.review.state = 'commented')),
      undefined,
      'does not request changes',
    ],
    [
      'a dismissed review',
      reviewEvent((e) => (e.action = 'dismissed')),
      undefined,
      'was dismissed, not submitted',
    ],
    [
      'a branch that is not ai-task',
      commentEvent(),
      pull((p) => (p.head.ref = 'feature/x')),
      'from feature/x, not an ai-task/issue-N branch',
    ],
    [
      'a look-alike branch',
      commentEvent(),
      pull((p) => (p.head.ref = 'ai-task/issue-42-evil')),
      'not an ai-task/issue-N branch',
    ],
    [
      'a review on another branch',
      reviewEvent((e) => (e.pull_request.head.ref = 'main')),
      undefined,
      'from main, not an ai-task',
    ],
    [
      'a fork (comment)',
      commentEvent(),
      pull((p) => (p.head.repo.full_name = 'mallory/octo-repo')),
      'comes from a fork',
    ],
    [
      'a fork (review)',
      reviewEvent((e) => (e.pull_request.head.repo.full_name = 'mallory/octo-repo')),
      undefined,
      'comes from a fork',
    ],
    ['a deleted fork', reviewEvent((e) => (e.pull_request.head.repo = null)), undefined, 'comes from a fork'],
  ])('sends nothing for %s, and says why', async (_name, event, pullRequest, why) => {
    const result = await build(event, pullRequest);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Not a review round: ');
    expect(result.stderr).toContain(why);
  });

  const hostile = [
    `/ai-task $(touch ${CANARY}) \`touch ${CANARY}\` "; touch ${CANARY}; echo "`,
    '/ai-task "}, "kind": "issue", "title": "x", "labels": [], "x": "',
    '/ai-task 日本語 😀 \u202e e\u0301 \u0000\u001b[31m red \r\n line',
    `/ai-task ${'あ'.repeat(60_000)}`,
  ];

  it.each(hostile.map((text) => [text.slice(0, 40), text]))(
    'carries hostile text %j as data: exact, ASCII JSON, accepted by the worker, nothing run',
    async (_short, text) => {
      const result = await build(
        commentEvent((e) => (e.comment.body = text)),
        pull(),
      );
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^[\x20-\x7e]+\n$/);
      const parsed = parseTaskMessage(result.stdout);
      expect(parsed.ok && parsed.value.kind === 'review' ? parsed.value.body : parsed).toBe(text);
      expect(existsSync(CANARY)).toBe(false);
    },
  );

  it('fails rather than guess when a comment event comes without the pull request', async () => {
    const result = await build(commentEvent());
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBe(3);
    expect(result.stderr).toContain('no pull request to read the head branch from');
  });

  it('refuses a pull request file for another pull request', async () => {
    const result = await build(
      commentEvent(),
      pull((p) => (p.number = 58)),
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('pull.json is not pull request #57');
  });

  it('fails with a usage message when there is no event to read', async () => {
    const result = await runScript('build-review-message.sh', [], minimalEnv());
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/usage: build-review-message\.sh/);
  });
});
