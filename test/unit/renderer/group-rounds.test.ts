import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../../shared/job-record.ts';
import { groupRounds } from '../../../src-renderer/history/group-rounds.ts';

const record = (
  jobId: string,
  number: number,
  review?: { pullNumber: number; round: number | null },
): JobRecord => ({
  jobId,
  messageId: `m-${jobId}`,
  issue: { repository: 'octo/app', number, title: `Issue ${number}` },
  outcome: 'succeeded',
  reason: null,
  prUrl: null,
  branch: `ai-task/issue-${number}`,
  startedAt: '2026-11-20T09:00:00Z',
  endedAt: '2026-11-20T09:01:00Z',
  phases: [],
  model: null,
  usage: null,
  receiveCount: 1,
  logFile: null,
  ...(review ? { review } : {}),
});

describe('history grouping of review rounds', () => {
  it('leaves issues without rounds as plain rows, in order', () => {
    const records = [record('b', 2), record('a', 1)];
    expect(groupRounds(records)).toEqual(records.map((r) => ({ kind: 'job', record: r })));
  });

  it("puts an issue's rounds under it and its pull request, where its newest record is", () => {
    const round3 = record('r3', 7, { pullNumber: 12, round: 3 });
    const other = record('x', 8);
    const round2 = record('r2', 7, { pullNumber: 12, round: 2 });
    const first = record('f', 7);
    expect(groupRounds([round3, other, round2, first])).toEqual([
      {
        kind: 'issue',
        key: 'octo/app#7',
        jobs: [first],
        pulls: [{ pullNumber: 12, rounds: [round3, round2] }],
      },
      { kind: 'job', record: other },
    ]);
  });

  it('keeps rounds whose first round fell out of the list, and separates two pull requests', () => {
    const a = record('a', 9, { pullNumber: 20, round: 2 });
    const b = record('b', 9, { pullNumber: 21, round: null });
    expect(groupRounds([a, b])).toEqual([
      {
        kind: 'issue',
        key: 'octo/app#9',
        jobs: [],
        pulls: [
          { pullNumber: 20, rounds: [a] },
          { pullNumber: 21, rounds: [b] },
        ],
      },
    ]);
  });
});
