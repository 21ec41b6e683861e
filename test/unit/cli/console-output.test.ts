// What `run` prints: one line per finished job, with its outcome and where the work went.
import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../../shared/job-record.ts';
import { consolePrinter, describeEnd } from '../../../src-main/cli/console-output.ts';

const record = (fields: Partial<JobRecord>): JobRecord => ({
  jobId: 'job-1',
  messageId: 'm-1',
  issue: { repository: 'octo/app', number: 12, title: 'Fix it' },
  outcome: 'succeeded',
  reason: null,
  prUrl: null,
  branch: 'ai-task/issue-12',
  startedAt: '2026-12-01T10:00:00Z',
  endedAt: '2026-12-01T10:05:00Z',
  phases: [],
  model: null,
  usage: null,
  receiveCount: 1,
  logFile: null,
  ...fields,
});

describe('the finished-job line', () => {
  it('gives the pull request URL, or the outcome and its reason', () => {
    expect(describeEnd(record({ prUrl: 'https://github.com/octo/app/pull/3' }))).toBe(
      'job-1 octo/app#12: pull request opened: https://github.com/octo/app/pull/3',
    );
    expect(describeEnd(record({ outcome: 'quarantined', reason: 'no changes' }))).toBe(
      'job-1 octo/app#12: sent to the DLQ: no changes',
    );
    expect(
      describeEnd(record({ outcome: 'pushed', reason: 'no pull request (the sandbox has no GitHub)' })),
    ).toBe('job-1 octo/app#12: branch pushed: no pull request (the sandbox has no GitHub)');
    expect(describeEnd(record({ outcome: 'retrying', reason: 'rate limited', issue: null }))).toBe(
      'job-1 m-1: will retry: rate limited',
    );
  });

  it('is printed in text mode; JSON lines keep their documented kinds', () => {
    const text: string[] = [];
    consolePrinter(false, (line) => text.push(line))({
      event: 'jobEnded',
      payload: record({ outcome: 'failed', reason: 'boom' }),
    });
    expect(text).toHaveLength(1);
    expect(text[0]).toMatch(/^\S+Z done {3}job-1 octo\/app#12: failed: boom$/);
    const json: string[] = [];
    consolePrinter(true, (line) => json.push(line))({ event: 'jobEnded', payload: record({}) });
    expect(json).toEqual([]);
  });
});
