import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTaskMessage } from '../../../shared/task-message.ts';

const MESSAGES = new URL('../../fixtures/messages/', import.meta.url);
const messageText = readFileSync(new URL('task-message.json', MESSAGES), 'utf8');
const event = JSON.parse(readFileSync(new URL('issue-labeled-event.json', MESSAGES), 'utf8')) as {
  action: string;
  label: { name: string };
  repository: { full_name: string };
  issue: {
    number: number;
    title: string;
    body: string | null;
    labels: { name: string }[];
    created_at: string;
  };
};

describe('task message fixture (what the producer sends, what the worker reads)', () => {
  it('passes the worker schema unchanged', () => {
    const parsed = parseTaskMessage(messageText);
    expect(parsed.ok ? parsed.value : parsed.summary).toEqual(JSON.parse(messageText));
  });

  it('is the labelled issue of the event fixture, field by field', () => {
    expect(JSON.parse(messageText)).toEqual({
      issue_number: event.issue.number,
      repository: event.repository.full_name,
      title: event.issue.title,
      body: event.issue.body ?? '',
      labels: event.issue.labels.map((label) => label.name),
      created_at: event.issue.created_at,
    });
  });

  it('comes from an event the workflow acts on: labeled, with the ai-task label', () => {
    expect(event.action).toBe('labeled');
    expect(event.label.name).toBe('ai-task');
    expect(event.issue.labels.map((label) => label.name)).toContain('ai-task');
  });
});
