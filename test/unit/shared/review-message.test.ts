import { describe, expect, it } from 'vitest';
import { isReviewTask, parseTaskMessage } from '../../../shared/task-message.ts';
import { asciiJson } from '../../../src-main/engine/queue/send-task-message.ts';
import { sampleReview } from '../../support/sample-review.ts';
import { sampleTask } from '../../support/sample-task.ts';

function problemsOf(value: unknown) {
  const result = parseTaskMessage(JSON.stringify(value));
  if (result.ok) throw new Error('expected the message to be rejected');
  return result.problems;
}

describe('task message kinds', () => {
  it('keeps the seed issue message (no kind) valid, unchanged', () => {
    const seed = sampleTask();
    expect(parseTaskMessage(JSON.stringify(seed))).toEqual({ ok: true, value: seed });
    expect(isReviewTask(seed)).toBe(false);
  });

  it('accepts kind "issue" spelled out', () => {
    const task = { kind: 'issue' as const, ...sampleTask() };
    expect(parseTaskMessage(JSON.stringify(task))).toEqual({ ok: true, value: task });
  });

  it('accepts a review round of either comment type, text intact through ASCII JSON', () => {
    for (const comment_type of ['issue_comment', 'review'] as const) {
      const round = sampleReview({ comment_type, body: '直して 🚀 $(rm -rf /) `x`' });
      const result = parseTaskMessage(asciiJson(round));
      expect(result).toEqual({ ok: true, value: round });
      if (result.ok) expect(isReviewTask(result.value)).toBe(true);
    }
  });

  it('accepts a review with an empty summary', () => {
    expect(parseTaskMessage(JSON.stringify(sampleReview({ comment_type: 'review', body: '' }))).ok).toBe(
      true,
    );
  });

  it('rejects an unknown kind with a reason that names it', () => {
    expect(problemsOf({ ...sampleTask(), kind: 'deploy' })).toEqual([
      { field: 'kind', problem: 'is "deploy", not a kind this worker knows ("issue" or "review")' },
    ]);
    expect(problemsOf({ ...sampleTask(), kind: 7 })[0]?.field).toBe('kind');
  });

  it.each(['repository', 'issue_number', 'pull_number', 'comment_type', 'comment_id', 'body', 'created_at'])(
    'names the review field %s when it is missing',
    (field) => {
      const { [field as keyof ReturnType<typeof sampleReview>]: _dropped, ...rest } = sampleReview();
      expect(problemsOf(rest)).toEqual([{ field, problem: 'is missing' }]);
    },
  );

  it.each([
    ['comment_type', 'pull_request_review_comment', 'must be "issue_comment" or "review"'],
    ['comment_id', -1, 'must be a positive id'],
    ['comment_id', 1.5, 'must be a whole number'],
    ['pull_number', 0, 'must be a positive issue number'],
    ['repository', 'not a repo', 'must look like "owner/name"'],
    ['created_at', 'yesterday', 'must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z'],
  ])('rejects a review whose %s is %j', (field, value, problem) => {
    expect(problemsOf({ ...sampleReview(), [field]: value })).toEqual([{ field, problem }]);
  });

  it('does not take an issue message without a title as a review', () => {
    const { title: _t, ...rest } = sampleTask();
    expect(problemsOf(rest)).toEqual([{ field: 'title', problem: 'is missing' }]);
  });

  it('rejects a body that is not an object', () => {
    expect(problemsOf([1, 2])).toEqual([{ field: '(message)', problem: 'must be a JSON object' }]);
    expect(problemsOf(null)).toEqual([{ field: '(message)', problem: 'must be a JSON object' }]);
  });
});
