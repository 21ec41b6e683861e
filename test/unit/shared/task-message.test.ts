import { describe, expect, it } from 'vitest';
import {
  issueBranchName,
  MAX_ISSUE_BODY_CHARS,
  MAX_MESSAGE_BYTES,
  parseTaskMessage,
  utf8ByteLength,
  validateTaskMessage,
} from '../../../shared/task-message.ts';
import { asciiJson } from '../../../src-main/engine/queue/send-task-message.ts';
import { sampleTask } from '../../support/sample-task.ts';

const valid = sampleTask();
const fields = ['issue_number', 'repository', 'title', 'body', 'labels', 'created_at'] as const;

function problemsOf(value: unknown) {
  const result = parseTaskMessage(JSON.stringify(value));
  if (result.ok) throw new Error('expected the message to be rejected');
  return result.problems;
}

describe('task message schema', () => {
  it('accepts the producer format and returns the exact fields', () => {
    const result = parseTaskMessage(JSON.stringify(valid));
    expect(result).toEqual({ ok: true, value: valid });
  });

  it('decodes ASCII-escaped JSON back to the exact text, emoji and Japanese included', () => {
    const task = sampleTask({ title: '絵文字 🚀 と "quotes"', body: 'line1\nline2\t$(rm -rf /)`x`' });
    const wire = asciiJson(task);
    expect(wire).toMatch(/^[\x20-\x7e]*$/);
    expect(parseTaskMessage(wire)).toEqual({ ok: true, value: task });
  });

  it.each(fields)('names %s when it is missing', (field) => {
    const { [field]: _dropped, ...rest } = valid;
    expect(problemsOf(rest)).toEqual([{ field, problem: 'is missing' }]);
  });

  it.each([
    ['issue_number', '42', 'must be a number'],
    ['issue_number', 4.5, 'must be a whole number'],
    ['issue_number', -1, 'must be a positive issue number'],
    ['issue_number', 2_147_483_648, 'must be at most 2147483647'],
    ['issue_number', Number.MAX_SAFE_INTEGER, 'must be at most 2147483647'],
    ['repository', 'no-slash', 'must look like "owner/name"'],
    ['repository', 'owner/../etc', 'must look like "owner/name"'],
    ['title', 7, 'must be a string'],
    ['title', '', 'must not be empty'],
    ['body', null, 'must be a string (empty when the issue has no body)'],
    ['labels', 'ai-task', 'must be a list of label names'],
    ['created_at', 'yesterday', 'must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z'],
  ])('says why %s = %j is wrong', (field, value, problem) => {
    expect(problemsOf({ ...valid, [field]: value })).toEqual([{ field, problem }]);
  });

  it('names the exact label that is not a string', () => {
    expect(problemsOf({ ...valid, labels: ['ai-task', 3] })).toEqual([
      { field: 'labels.1', problem: 'must be label names (strings)' },
    ]);
  });

  it('accepts the largest issue number GitHub can store', () => {
    expect(validateTaskMessage({ ...valid, issue_number: 2_147_483_647 }).ok).toBe(true);
  });

  it('rejects a body longer than GitHub allows', () => {
    const body = 'x'.repeat(MAX_ISSUE_BODY_CHARS + 1);
    expect(problemsOf({ ...valid, body })).toEqual([
      { field: 'body', problem: `must be at most ${MAX_ISSUE_BODY_CHARS} characters` },
    ]);
  });

  it('accepts a body of exactly the maximum length', () => {
    const body = 'y'.repeat(MAX_ISSUE_BODY_CHARS);
    expect(parseTaskMessage(JSON.stringify({ ...valid, body })).ok).toBe(true);
  });

  it('rejects a raw message over the size limit before parsing it', () => {
    const result = parseTaskMessage(`"${'z'.repeat(MAX_MESSAGE_BYTES)}"`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.summary).toMatch(/^\(message\) is \d+ bytes; the limit is 1048576$/);
  });

  it.each(['', 'not json', '{"issue_number": 1,', '[1,2,3', 'null'])(
    'rejects %j with a clear reason',
    (raw) => {
      const result = parseTaskMessage(raw);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems[0]!.field).toBe('(message)');
    },
  );

  it('lists every problem of a message at once', () => {
    const problems = problemsOf({ issue_number: 'x', repository: 1 });
    expect(problems.map((p) => p.field)).toEqual(fields.slice());
  });

  it('ignores fields a newer producer may add', () => {
    const result = parseTaskMessage(JSON.stringify({ ...valid, sender: 'octocat' }));
    expect(result).toEqual({ ok: true, value: valid });
  });
});

describe('utf8ByteLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['日本', 6],
    ['🚀', 4],
  ])('counts %j as %d bytes', (text, bytes) => {
    expect(utf8ByteLength(text)).toBe(bytes);
    expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text));
  });
});

describe('issueBranchName', () => {
  it('names the branch after the issue number', () => {
    expect(issueBranchName(42)).toBe('ai-task/issue-42');
  });
});
