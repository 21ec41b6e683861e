// send-review.sh with stand-ins for the aws and gh CLIs: what it asks GitHub, what it sends to
// SQS, and that events which are not rounds end quietly without sending anything.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { parseTaskMessage } from '../../../shared/task-message.ts';
import { scratchDir, writeEvent } from './support/issue-events.ts';
import { MESSAGES_DIR, minimalEnv, runScript } from './support/run-script.ts';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/111122223333/codingworker-tasks';
const MESSAGE_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const scratch = scratchDir('send-review-');
afterAll(() => scratch.cleanup());

// aws and gh stand-ins: they record their arguments (NUL-separated), keep the message body, and
// print what the test asks (gh: the pull request JSON).
const STUB = `#!/usr/bin/env bash
set -euo pipefail
name=$(basename "$0")
printf '%s\\0' "$@" >"$STUB_LOG/$name.args"
for arg in "$@"; do
  case $arg in file://*) cp -- "\${arg#file://}" "$STUB_LOG/$name.body" ;; esac
done
if [[ $name == aws ]]; then printf '%s\\n' "$STUB_AWS_OUTPUT"; fi
if [[ $name == gh ]]; then cat -- "$STUB_GH_OUTPUT"; fi
`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- event fixtures
const fixture = (name: string): Json => JSON.parse(readFileSync(join(MESSAGES_DIR, name), 'utf8')) as Json;

let log: string;
let bin: string;
let run: string;
beforeEach(() => {
  run = join(scratch.dir, randomUUID());
  log = join(run, 'log');
  bin = join(run, 'bin');
  mkdirSync(log, { recursive: true });
  mkdirSync(bin);
  for (const name of ['aws', 'gh']) {
    writeFileSync(join(bin, name), STUB);
    chmodSync(join(bin, name), 0o755);
  }
});

function send(event: Json, pull: Json = fixture('pull-request.json')) {
  const pullFile = join(run, 'pull-answer.json');
  writeFileSync(pullFile, JSON.stringify(pull));
  return runScript('send-review.sh', [writeEvent(run, event)], {
    ...minimalEnv(),
    PATH: `${bin}:${process.env['PATH']}`,
    STUB_LOG: log,
    STUB_AWS_OUTPUT: MESSAGE_ID,
    STUB_GH_OUTPUT: pullFile,
    SQS_QUEUE_URL: QUEUE_URL,
    GH_TOKEN: 'test-token',
  });
}

const argsOf = (tool: 'aws' | 'gh') => {
  const path = join(log, `${tool}.args`);
  return existsSync(path) ? readFileSync(path, 'utf8').split('\0').slice(0, -1) : undefined;
};

describe('send-review.sh', () => {
  it("reads a comment's pull request from GitHub and sends the round as a file", async () => {
    const result = await send(fixture('issue-comment-event.json'));

    expect(result.code).toBe(0);
    expect(argsOf('gh')).toEqual(['api', 'repos/octo-org/octo-repo/pulls/57']);
    expect(argsOf('aws')).toEqual([
      'sqs',
      'send-message',
      '--queue-url',
      QUEUE_URL,
      '--message-body',
      expect.stringMatching(/^file:\/\/.*review-message\.json$/),
      '--query',
      'MessageId',
      '--output',
      'text',
    ]);
    const body = readFileSync(join(log, 'aws.body'), 'utf8');
    expect(parseTaskMessage(body)).toMatchObject({ ok: true, value: { kind: 'review', pull_number: 57 } });
    expect(result.stdout).toContain(
      `Queued a review round for pull request #57 of octo-org/octo-repo as SQS message ${MESSAGE_ID}`,
    );
  });

  it('sends a review without asking GitHub: the event names the branch', async () => {
    const result = await send(fixture('pull-request-review-event.json'));
    expect(result.code).toBe(0);
    expect(argsOf('gh')).toBeUndefined();
    expect(parseTaskMessage(readFileSync(join(log, 'aws.body'), 'utf8'))).toMatchObject({
      ok: true,
      value: { comment_type: 'review', comment_id: 2843219876 },
    });
  });

  it('ends quietly, sending nothing, for a comment by someone who is not a writer', async () => {
    const event = fixture('issue-comment-event.json');
    event.comment.author_association = 'NONE';
    const result = await send(event);
    expect(result.code).toBe(0);
    expect(argsOf('aws')).toBeUndefined();
    expect(result.stderr).toContain('Not a review round: the author is NONE');
  });

  it('ends quietly for a pull request from a fork', async () => {
    const pull = fixture('pull-request.json');
    pull.head.repo.full_name = 'mallory/octo-repo';
    const result = await send(fixture('issue-comment-event.json'), pull);
    expect(result.code).toBe(0);
    expect(argsOf('aws')).toBeUndefined();
    expect(result.stderr).toContain('comes from a fork');
  });

  it('refuses an event whose repository name could smuggle arguments to gh', async () => {
    const event = fixture('issue-comment-event.json');
    event.repository.full_name = '--paginate/x y';
    const result = await send(event);
    expect(result.code).toBe(65);
    expect(argsOf('gh')).toBeUndefined();
    expect(argsOf('aws')).toBeUndefined();
  });

  it('fails when SQS returns no message id', async () => {
    const result = await runScript(
      'send-review.sh',
      [writeEvent(run, fixture('pull-request-review-event.json'))],
      {
        ...minimalEnv(),
        PATH: `${bin}:${process.env['PATH']}`,
        STUB_LOG: log,
        STUB_AWS_OUTPUT: 'None',
        STUB_GH_OUTPUT: '/dev/null',
        SQS_QUEUE_URL: QUEUE_URL,
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SQS returned no message ID (got: None)');
  });
});
