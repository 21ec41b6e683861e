import type { ReviewTaskMessage } from '../../shared/task-message.ts';

/** A valid review-round message (a `/ai-task` comment on PR #10000 of issue #42), with overrides. */
export function sampleReview(overrides: Partial<ReviewTaskMessage> = {}): ReviewTaskMessage {
  return {
    kind: 'review',
    repository: 'octo-org/hello-world',
    issue_number: 42,
    pull_number: 10_000,
    comment_type: 'issue_comment',
    comment_id: 123_456,
    body: '/ai-task please rename the variable',
    created_at: '2026-11-20T10:00:00Z',
    ...overrides,
  };
}
