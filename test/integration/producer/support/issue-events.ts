/** Issue events for the producer tests: the shared fixture, with parts replaced. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MESSAGES_DIR } from './run-script.ts';

export interface IssueOverrides {
  readonly title?: string;
  readonly body?: string | null;
  readonly labels?: readonly string[];
}

type IssueEvent = {
  repository: { full_name: string };
  issue: {
    number: number;
    title: string;
    body: string | null;
    labels: { name: string }[];
    created_at: string;
  };
};

export function fixtureEvent(overrides: IssueOverrides = {}): IssueEvent {
  const event = JSON.parse(
    readFileSync(join(MESSAGES_DIR, 'issue-labeled-event.json'), 'utf8'),
  ) as IssueEvent;
  const template = event.issue.labels[0] ?? { name: 'ai-task' };
  if (overrides.title !== undefined) event.issue.title = overrides.title;
  if (overrides.body !== undefined) event.issue.body = overrides.body;
  if (overrides.labels !== undefined)
    event.issue.labels = overrides.labels.map((name) => ({ ...template, name }));
  return event;
}

/** The message the producer must send for `event`: the issue, field by field, null body as "". */
export function expectedMessage(event: IssueEvent): Record<string, unknown> {
  return {
    issue_number: event.issue.number,
    repository: event.repository.full_name,
    title: event.issue.title,
    body: event.issue.body ?? '',
    labels: event.issue.labels.map((label) => label.name),
    created_at: event.issue.created_at,
  };
}

/** A scratch directory, removed by the returned cleanup. */
export function scratchDir(prefix: string): { readonly dir: string; readonly cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeEvent(dir: string, event: unknown, name = 'event.json'): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(event));
  return path;
}
