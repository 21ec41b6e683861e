import { describe, expect, it } from 'vitest';
import { buildJobRecord } from '../../../src-main/engine/journal/build-job-record.ts';
import { decideSettlement, type SettleInput } from '../../../src-main/engine/worker/settlement/decide.ts';

const base: SettleInput = {
  end: { kind: 'result', result: { kind: 'success', details: {} } },
  stop: null,
  leaseLost: false,
  receiveCount: 1,
  isLastAttempt: false,
  retryBackoffSeconds: [60, 300, 900],
  hasDlq: true,
};

describe('the job history record', () => {
  it('builds the history record from the job, its details and its phases', () => {
    const settlement = decideSettlement(base);
    const record = buildJobRecord({
      jobId: 'j',
      messageId: 'm',
      issue: { repository: 'o/r', number: 7, title: 't' },
      settlement,
      details: { prUrl: 'https://github.com/o/r/pull/8', branch: 'ai-task/issue-7', model: 'm1' },
      startedAt: Date.parse('2026-11-20T09:00:00Z'),
      endedAt: Date.parse('2026-11-20T09:10:00Z'),
      phases: [{ phase: 'running-agent', ms: 600_000 }],
      receiveCount: 2,
      logFile: '/logs/j.log',
    });
    expect(record).toEqual({
      jobId: 'j',
      messageId: 'm',
      issue: { repository: 'o/r', number: 7, title: 't' },
      outcome: 'succeeded',
      reason: null,
      prUrl: 'https://github.com/o/r/pull/8',
      branch: 'ai-task/issue-7',
      startedAt: '2026-11-20T09:00:00.000Z',
      endedAt: '2026-11-20T09:10:00.000Z',
      phases: [{ phase: 'running-agent', ms: 600_000 }],
      model: 'm1',
      usage: null,
      receiveCount: 2,
      logFile: '/logs/j.log',
    });
  });
});
