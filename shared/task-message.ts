/**
 * The task messages: exactly what .github/workflows/send-to-sqs.yml sends. Two kinds share the
 * queue: an issue labelled `ai-task` (kind `issue`; the seed's format, which has no `kind` field
 * and stays valid as it is), and a review round (kind `review`) when a writer asks for changes on
 * the pull request of an `ai-task/issue-N` branch. The producer builds them with
 * `jq --ascii-output`, so the body on the wire is ASCII JSON that decodes to the exact text.
 * Everything in a message is a claim the worker re-verifies on GitHub.
 */
import { z } from 'zod';
import { describeError } from './describe-error.ts';

/** GitHub caps an issue body at 65,536 characters; anything longer did not come from GitHub. */
export const MAX_ISSUE_BODY_CHARS = 65_536;
/** GitHub caps titles at 256 characters. */
export const MAX_ISSUE_TITLE_CHARS = 256;
/** GitHub stores issue numbers as 32-bit signed integers; anything larger did not come from GitHub. */
export const MAX_ISSUE_NUMBER = 2_147_483_647;
/** Largest raw SQS body we will even try to parse (SQS's own limit is 1 MiB). */
export const MAX_MESSAGE_BYTES = 1_048_576;

/** Longest maintainer's note a retry may carry (it goes into the agent's prompt). */
export const MAX_NOTE_CHARS = 4_000;
/** A model name as agents take it ("gpt-4o", "anthropic/claude-sonnet-4", "ollama_chat/qwen:7b"); never a flag. */
const MODEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,199}$/;

/** owner/name as GitHub allows them: no dots-only names, no slashes or spaces inside. */
const REPOSITORY_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;

const issueNumberSchema = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .positive('must be a positive issue number')
  .max(MAX_ISSUE_NUMBER, `must be at most ${MAX_ISSUE_NUMBER}`);

const repositorySchema = z
  .string({ error: 'must be a string "owner/name"' })
  .regex(REPOSITORY_PATTERN, 'must look like "owner/name"');

const createdAtSchema = z.iso.datetime({
  error: 'must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z',
});

/** Kind `issue`: an issue labelled `ai-task`. The seed's messages carry no `kind`; both mean the same. */
export const issueTaskSchema = z.object({
  kind: z.literal('issue', { error: 'must be "issue" or "review"' }).optional(),
  issue_number: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .positive('must be a positive issue number')
    .max(MAX_ISSUE_NUMBER, `must be at most ${MAX_ISSUE_NUMBER}`),
  repository: z
    .string({ error: 'must be a string "owner/name"' })
    .regex(REPOSITORY_PATTERN, 'must look like "owner/name"'),
  title: z
    .string({ error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(MAX_ISSUE_TITLE_CHARS, `must be at most ${MAX_ISSUE_TITLE_CHARS} characters`),
  body: z
    .string({ error: 'must be a string (empty when the issue has no body)' })
    .max(MAX_ISSUE_BODY_CHARS, `must be at most ${MAX_ISSUE_BODY_CHARS} characters`),
  labels: z.array(z.string({ error: 'must be label names (strings)' }), {
    error: 'must be a list of label names',
  }),
  created_at: createdAtSchema,
  /** Retry with a note (issue #14): the maintainer's extra instruction, shown in the prompt. */
  note: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_NOTE_CHARS, `must be at most ${MAX_NOTE_CHARS} characters`)
    .optional(),
  /** Retry with another model (issue #14): replaces the configured model for this job. */
  model: z.string({ error: 'must be a string' }).regex(MODEL_PATTERN, 'must be a model name').optional(),
});

/** GitHub's database ids for comments and reviews are 64-bit; JSON numbers hold them exactly up to 2^53. */
const commentIdSchema = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .positive('must be a positive id')
  .max(Number.MAX_SAFE_INTEGER, 'is too large');

/**
 * Kind `review`: a writer asked for changes on the pull request of an `ai-task/issue-N` branch,
 * with a comment starting `/ai-task` (comment_type `issue_comment`, comment_id the comment's id) or
 * a review requesting changes (comment_type `review`, comment_id the review's id).
 */
export const reviewTaskSchema = z.object({
  kind: z.literal('review'),
  repository: repositorySchema,
  issue_number: issueNumberSchema,
  pull_number: issueNumberSchema,
  comment_type: z.enum(['issue_comment', 'review'], { error: 'must be "issue_comment" or "review"' }),
  comment_id: commentIdSchema,
  body: z
    .string({ error: 'must be a string (empty when the review has no summary)' })
    .max(MAX_ISSUE_BODY_CHARS, `must be at most ${MAX_ISSUE_BODY_CHARS} characters`),
  created_at: createdAtSchema,
});

/** Either kind; validateTaskMessage picks the schema by `kind` so problems name the right fields. */
export const taskMessageSchema = z.union([issueTaskSchema, reviewTaskSchema]);

export type IssueTaskMessage = Readonly<z.infer<typeof issueTaskSchema>>;
export type ReviewTaskMessage = Readonly<z.infer<typeof reviewTaskSchema>>;
export type TaskMessage = IssueTaskMessage | ReviewTaskMessage;

export const TASK_KINDS = ['issue', 'review'] as const;

/** True for a review round; false for an issue (with or without `kind`). */
export function isReviewTask(task: TaskMessage): task is ReviewTaskMessage {
  return task.kind === 'review';
}

/** One precise complaint about a message: which field, and why. */
export interface FieldProblem {
  readonly field: string;
  readonly problem: string;
}

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly FieldProblem[]; readonly summary: string };

/** Parse a raw SQS body. Never throws: a bad body becomes a list of problems for the quarantine reason. */
export function parseTaskMessage(raw: string): ParseResult<TaskMessage> {
  const bytes = utf8ByteLength(raw);
  if (bytes > MAX_MESSAGE_BYTES) {
    return fail([{ field: '(message)', problem: `is ${bytes} bytes; the limit is ${MAX_MESSAGE_BYTES}` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    const why = describeError(error);
    return fail([{ field: '(message)', problem: `is not JSON: ${why}` }]);
  }
  return validateTaskMessage(json);
}

/** Validate an already-decoded value against the producer's format. */
export function validateTaskMessage(value: unknown): ParseResult<TaskMessage> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail([{ field: '(message)', problem: 'must be a JSON object' }]);
  }
  const kind = (value as { kind?: unknown }).kind;
  if (kind !== undefined && !(TASK_KINDS as readonly unknown[]).includes(kind)) {
    const shown = typeof kind === 'string' ? `"${kind.slice(0, 40)}"` : typeof kind;
    return fail([
      { field: 'kind', problem: `is ${shown}, not a kind this worker knows ("issue" or "review")` },
    ]);
  }
  const schema = kind === 'review' ? reviewTaskSchema : issueTaskSchema;
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return fail(zodProblems(result.error, value));
}

/** Zod issues as field problems; `input` tells a missing field from a wrong one. */
export function zodProblems(error: z.ZodError, input: unknown): FieldProblem[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return { field: issue.keys.join(', '), problem: 'is not part of the message format' };
    }
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(message)';
    const missing =
      (issue.code === 'invalid_type' || issue.code === 'invalid_value') &&
      valueAt(input, issue.path) === undefined;
    return { field, problem: missing ? 'is missing' : issue.message };
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** UTF-8 size without TextEncoder, which shared/ cannot assume (no DOM, no Node). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function fail(problems: FieldProblem[]): ParseResult<never> {
  const summary = problems.map((p) => `${p.field} ${p.problem}`).join('; ');
  return { ok: false, problems, summary };
}

/** The branch a job works on. Pure and total: any issue number gives a valid git ref name. */
export function issueBranchName(issueNumber: number): string {
  return `ai-task/issue-${Math.trunc(Math.abs(issueNumber))}`;
}

/** Characters of a review request shown where an issue would show its title. */
const REQUEST_SUMMARY_CHARS = 120;

/**
 * What to call a task before GitHub was asked: an issue's title, or a review round's request text
 * (flattened and shortened) — the round's issue title is only known once it is verified.
 */
export function taskSummary(task: TaskMessage): string {
  if (!isReviewTask(task)) return task.title;
  const flat = task.body.replace(/\s+/g, ' ').trim();
  return flat.length > REQUEST_SUMMARY_CHARS ? `${flat.slice(0, REQUEST_SUMMARY_CHARS - 1)}…` : flat;
}
