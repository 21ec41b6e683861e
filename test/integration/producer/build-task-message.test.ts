import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MAX_ISSUE_BODY_CHARS, parseTaskMessage } from '../../../shared/task-message.ts';
import {
  expectedMessage,
  fixtureEvent,
  type IssueOverrides,
  scratchDir,
  writeEvent,
} from './support/issue-events.ts';
import { MESSAGES_DIR, minimalEnv, runScript } from './support/run-script.ts';

// If anything evaluated issue text as shell, this file would appear.
const CANARY = join(tmpdir(), `pwned-${randomUUID()}`);
const scratch = scratchDir('build-task-message-');

afterEach(() => rmSync(CANARY, { force: true }));
afterAll(() => scratch.cleanup());

async function build(
  overrides: IssueOverrides,
): Promise<{ stdout: string; expected: Record<string, unknown> }> {
  const event = fixtureEvent(overrides);
  const path = writeEvent(scratch.dir, event, `${randomUUID()}.json`);
  const result = await runScript('build-task-message.sh', [path], minimalEnv());
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return { stdout: result.stdout, expected: expectedMessage(event) };
}

const hostile: readonly { readonly name: string; readonly issue: IssueOverrides }[] = [
  {
    name: 'double and single quotes, backslashes',
    issue: { title: `He said "stop" and 'go' \\ then \\"left"`, body: `"}, "issue_number": 1, "x": "` },
  },
  {
    name: 'command substitution and backticks',
    issue: {
      title: `$(touch ${CANARY})`,
      body: `\`touch ${CANARY}\` $(touch ${CANARY}) \${IFS} $HOME %s %n`,
      labels: ['ai-task', `$(touch ${CANARY})`, `\`touch ${CANARY}\``],
    },
  },
  {
    name: 'newlines, tabs and control characters',
    issue: { title: 'two\nlines\r\n\tand a tab', body: 'a\u0000b\u0001c\u001bd\u007fe\u2028f\u2029g' },
  },
  {
    name: 'emoji, Japanese, combining marks and bidi overrides',
    issue: {
      title: '日本語のタイトル 😀 👨‍👩‍👧',
      body: 'こんにちは、世界 🎉 e\u0301 \u202egnp.exe \ud83d\ude80',
      labels: ['ai-task', '優先度:高', '💥'],
    },
  },
  {
    name: `a body of the maximum ${MAX_ISSUE_BODY_CHARS} characters`,
    issue: { body: 'あ'.repeat(MAX_ISSUE_BODY_CHARS) },
  },
  { name: 'a title of only spaces', issue: { title: '   ' } },
  { name: 'a null body', issue: { body: null } },
  { name: 'zero labels', issue: { labels: [] } },
  { name: 'several labels', issue: { labels: ['ai-task', 'bug', 'good first issue', 'area: cli'] } },
];

describe('build-task-message.sh', () => {
  it('turns the shared event fixture into exactly the shared message fixture', async () => {
    const { stdout } = await build({});
    expect(JSON.parse(stdout)).toEqual(
      JSON.parse(readFileSync(join(MESSAGES_DIR, 'task-message.json'), 'utf8')),
    );
  });

  describe.each(hostile)('with $name', ({ issue }) => {
    it('prints one line of ASCII-only JSON equal to the issue, field by field', async () => {
      const { stdout, expected } = await build(issue);
      expect(stdout).toMatch(/^[\x20-\x7e]+\n$/);
      expect(JSON.parse(stdout)).toEqual(expected);
    });

    it('produces a message the worker accepts as it is', async () => {
      const { stdout, expected } = await build(issue);
      const parsed = parseTaskMessage(stdout);
      expect(parsed.ok ? parsed.value : parsed.summary).toEqual(expected);
    });

    it('runs nothing the issue contains', async () => {
      await build(issue);
      expect(existsSync(CANARY)).toBe(false);
    });
  });

  it('uses payloads that would run if a shell evaluated them (so the canary means something)', () => {
    const title = hostile[1]?.issue.title ?? '';
    execFileSync('bash', ['-c', `echo "${title}" > /dev/null`]);
    expect(existsSync(CANARY)).toBe(true);
  });

  it('reads the event from GITHUB_EVENT_PATH when given no argument, as in the workflow', async () => {
    const path = writeEvent(scratch.dir, fixtureEvent(), 'from-env.json');
    const result = await runScript('build-task-message.sh', [], minimalEnv({ GITHUB_EVENT_PATH: path }));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(expectedMessage(fixtureEvent()));
  });

  it('fails with a usage message when there is no event to read', async () => {
    const result = await runScript('build-task-message.sh', [], minimalEnv());
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/usage: build-task-message\.sh <event\.json>/);
  });

  it('fails, printing nothing, when the event is not an issue event', async () => {
    const path = writeEvent(
      scratch.dir,
      { action: 'opened', repository: { full_name: 'octo-org/octo-repo' } },
      'push.json',
    );
    const result = await runScript('build-task-message.sh', [path], minimalEnv());
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/event has no issue/);
  });

  it('fails when the issue number is not a positive integer, rather than queue a message the worker rejects', async () => {
    const event = fixtureEvent();
    event.issue.number = -1;
    const result = await runScript(
      'build-task-message.sh',
      [writeEvent(scratch.dir, event, 'bad-number.json')],
      minimalEnv(),
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/issue\.number is not a positive integer/);
  });
});
