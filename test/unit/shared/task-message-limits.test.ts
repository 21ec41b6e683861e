// The edges of the message format: what exactly passes as a repository, where the size limits sit,
// how problems are worded, and how UTF-8 is counted at every encoding boundary.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  MAX_ISSUE_TITLE_CHARS,
  MAX_MESSAGE_BYTES,
  parseTaskMessage,
  utf8ByteLength,
  validateTaskMessage,
  zodProblems,
} from '../../../shared/task-message.ts';
import { sampleTask } from '../../support/sample-task.ts';

const valid = sampleTask();

function problemsOf(value: unknown) {
  const result = validateTaskMessage(value);
  if (result.ok) throw new Error('expected the message to be rejected');
  return result;
}

describe('the repository field', () => {
  it.each([
    'https://github.com/owner/repo',
    'a/b/c',
    'github.com/owner/repo',
    ' owner/repo',
    'owner/.',
    'owner/..',
    '-owner/repo',
  ])('rejects %j', (repository) => {
    expect(problemsOf({ ...valid, repository }).problems).toEqual([
      { field: 'repository', problem: 'must look like "owner/name"' },
    ]);
  });

  it.each(['octo/.github', 'octo/..hidden', 'a/b', 'Octo-Org/repo.name_2'])('accepts %j', (repository) => {
    expect(validateTaskMessage({ ...valid, repository }).ok).toBe(true);
  });

  it('says it must be a string when it is not one', () => {
    expect(problemsOf({ ...valid, repository: 7 }).problems).toEqual([
      { field: 'repository', problem: 'must be a string "owner/name"' },
    ]);
  });
});

describe('limits and wording', () => {
  it('rejects a title longer than GitHub allows, naming the limit', () => {
    expect(problemsOf({ ...valid, title: 't'.repeat(MAX_ISSUE_TITLE_CHARS + 1) }).problems).toEqual([
      { field: 'title', problem: `must be at most ${MAX_ISSUE_TITLE_CHARS} characters` },
    ]);
  });

  it('parses a raw message of exactly the size limit instead of refusing it for its size', () => {
    const raw = `"${'z'.repeat(MAX_MESSAGE_BYTES - 2)}"`;
    expect(utf8ByteLength(raw)).toBe(MAX_MESSAGE_BYTES);
    const result = parseTaskMessage(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.summary).not.toContain('bytes');
  });

  it('says why a body is not JSON, in the parser’s words', () => {
    const result = parseTaskMessage('{"issue_number": 1,');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]!.problem).toMatch(/^is not JSON: \S/);
    }
  });

  it('joins several problems into one summary line', () => {
    expect(problemsOf({ ...valid, title: '', labels: 'x' }).summary).toBe(
      'title must not be empty; labels must be a list of label names',
    );
  });
});

describe('zod problems as field problems', () => {
  const problems = (schema: z.ZodType, input: unknown) => {
    const result = schema.safeParse(input);
    if (result.success) throw new Error('expected a failure');
    return zodProblems(result.error, input);
  };

  it('names keys a strict schema does not know, all in one problem', () => {
    const schema = z.object({ a: z.string() }).strict();
    expect(problems(schema, { a: 'x', b: 1, c: 2 })).toEqual([
      { field: 'b, c', problem: 'is not part of the message format' },
    ]);
  });

  it('calls a field missing only when its type is wrong because it is absent', () => {
    const schema = z
      .object({ a: z.string().optional() })
      .refine((o) => o.a !== undefined, { message: 'must be given', path: ['a'] });
    expect(problems(schema, {})).toEqual([{ field: 'a', problem: 'must be given' }]);
  });

  it('treats a field under null or under a plain value as missing', () => {
    const nested = z.object({
      a: z.preprocess(
        (v) => (v === null || typeof v === 'string' ? {} : v),
        z.object({ length: z.number() }),
      ),
    });
    expect(problems(nested, { a: null })).toEqual([{ field: 'a.length', problem: 'is missing' }]);
    expect(problems(nested, { a: 'abc' })).toEqual([{ field: 'a.length', problem: 'is missing' }]);
  });
});

describe('utf8ByteLength at the encoding boundaries', () => {
  it.each([
    ['\u007f', 1],
    ['\u0080', 2],
    ['\u07ff', 2],
    ['\u0800', 3],
    ['\ud7ff', 3],
    ['\ud800\udc00', 4],
    ['\udbff\udfff', 4],
    ['\udc00x', 4],
    ['\udc00é', 5],
    ['\ue000é', 5],
    ['\ud800', 3],
    ['a\ud800', 4],
    ['\ud800a', 4],
  ])('counts %j as %d bytes, as Node does', (text, bytes) => {
    expect(utf8ByteLength(text)).toBe(bytes);
    expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text));
  });
});
