import type { IssueTaskMessage } from '../../shared/task-message.ts';

/** A valid task message, with overrides. */
export function sampleTask(overrides: Partial<IssueTaskMessage> = {}): IssueTaskMessage {
  return {
    issue_number: 42,
    repository: 'octo-org/hello-world',
    title: 'Fix the greeting',
    body: 'The greeting should say "Hello, world".',
    labels: ['ai-task'],
    created_at: '2026-11-20T09:30:00Z',
    ...overrides,
  };
}
