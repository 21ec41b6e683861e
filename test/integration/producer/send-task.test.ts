import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ISSUE_BODY_CHARS } from '../../../shared/task-message.ts';
import { expectedMessage, fixtureEvent, scratchDir, writeEvent } from './support/issue-events.ts';
import { MESSAGES_DIR, minimalEnv, runScript } from './support/run-script.ts';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/111122223333/codingworker-tasks';
const MESSAGE_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
/** Linux's limit on one argument or environment string (MAX_ARG_STRLEN). */
const MAX_ARG_BYTES = 128 * 1024;

const scratch = scratchDir('send-task-');
afterAll(() => scratch.cleanup());

// Stand-ins for the aws and gh CLIs: they record their arguments (NUL-separated, so any byte
// survives), keep the file the message body is read from, and print what the test asks.
const STUB = `#!/usr/bin/env bash
set -euo pipefail
name=$(basename "$0")
printf '%s\\0' "$@" >"$STUB_LOG/$name.args"
for arg in "$@"; do
  case $arg in file://*) cp -- "\${arg#file://}" "$STUB_LOG/$name.body" ;; esac
done
if [[ $name == aws ]]; then
  printf '%s\\n' "$STUB_AWS_OUTPUT"
  exit "\${STUB_AWS_EXIT:-0}"
fi
`;

let run: string;
let log: string;
let bin: string;
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

function send(event: unknown, env: NodeJS.ProcessEnv = {}) {
  return runScript('send-task.sh', [writeEvent(run, event)], {
    ...minimalEnv(),
    PATH: `${bin}:${process.env['PATH']}`,
    STUB_LOG: log,
    STUB_AWS_OUTPUT: MESSAGE_ID,
    SQS_QUEUE_URL: QUEUE_URL,
    GH_TOKEN: 'test-token',
    ...env,
  });
}

function argsOf(tool: 'aws' | 'gh'): string[] | undefined {
  const path = join(log, `${tool}.args`);
  return existsSync(path) ? readFileSync(path, 'utf8').split('\0').slice(0, -1) : undefined;
}

function sentBody(): string {
  return readFileSync(join(log, 'aws.body'), 'utf8');
}

describe('send-task.sh', () => {
  it('sends the built message to the queue as a file argument, then comments on the issue', async () => {
    const result = await send(fixtureEvent());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    expect(argsOf('aws')).toEqual([
      'sqs',
      'send-message',
      '--queue-url',
      QUEUE_URL,
      '--message-body',
      expect.stringMatching(/^file:\/\/\/.+\/task-message\.json$/),
      '--query',
      'MessageId',
      '--output',
      'text',
    ]);
    expect(JSON.parse(sentBody())).toEqual(
      JSON.parse(readFileSync(join(MESSAGES_DIR, 'task-message.json'), 'utf8')),
    );
    expect(argsOf('gh')).toEqual([
      'issue',
      'comment',
      '42',
      '--repo',
      'octo-org/octo-repo',
      '--body',
      `Queued for CodingWorker (SQS message ID: \`${MESSAGE_ID}\`).`,
    ]);
    expect(result.stdout).toContain(`Queued issue #42 of octo-org/octo-repo as SQS message ${MESSAGE_ID}`);
  });

  it('sends a maximum-size Japanese body that would not fit in one exec argument', async () => {
    const event = fixtureEvent({ body: '設'.repeat(MAX_ISSUE_BODY_CHARS) });
    const result = await send(event);
    expect(result.code).toBe(0);
    expect(Buffer.byteLength(sentBody())).toBeGreaterThan(MAX_ARG_BYTES);
    expect(JSON.parse(sentBody())).toEqual(expectedMessage(event));
  });

  it('passes hostile issue text to SQS intact and never into a command', async () => {
    const canary = join(scratch.dir, `pwned-${randomUUID()}`);
    const event = fixtureEvent({
      title: `$(touch ${canary}) "quoted" \`touch ${canary}\``,
      labels: ['ai-task', `; touch ${canary}`],
    });
    const result = await send(event);
    expect(result.code).toBe(0);
    expect(JSON.parse(sentBody())).toEqual(expectedMessage(event));
    expect(argsOf('gh')?.join(' ')).not.toContain('touch');
    expect(existsSync(canary)).toBe(false);
  });

  it('refuses to run without SQS_QUEUE_URL, before calling AWS', async () => {
    const result = await send(fixtureEvent(), { SQS_QUEUE_URL: '' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/SQS_QUEUE_URL is not set/);
    expect(argsOf('aws')).toBeUndefined();
  });

  it('does not claim the issue is queued when SQS refuses the message', async () => {
    const result = await send(fixtureEvent(), { STUB_AWS_EXIT: '255', STUB_AWS_OUTPUT: '' });
    expect(result.code).not.toBe(0);
    expect(argsOf('gh')).toBeUndefined();
  });

  it('does not claim the issue is queued when SQS answers without a message ID', async () => {
    const result = await send(fixtureEvent(), { STUB_AWS_OUTPUT: 'None' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/SQS returned no message ID/);
    expect(argsOf('gh')).toBeUndefined();
  });

  it('sends nothing for an event that is not an issue', async () => {
    const result = await send({ action: 'opened', repository: { full_name: 'octo-org/octo-repo' } });
    expect(result.code).not.toBe(0);
    expect(argsOf('aws')).toBeUndefined();
    expect(argsOf('gh')).toBeUndefined();
  });
});
