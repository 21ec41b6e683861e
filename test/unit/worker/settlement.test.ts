import { describe, expect, it } from 'vitest';
import type { StopReason } from '../../../src-main/engine/jobs/job.ts';
import {
  buildJobRecord,
  decideSettlement,
  type SettleInput,
} from '../../../src-main/engine/worker/settlement.ts';

const base: SettleInput = {
  end: { kind: 'result', result: { kind: 'success', details: {} } },
  stop: null,
  leaseLost: false,
  receiveCount: 1,
  isLastAttempt: false,
  retryBackoffSeconds: [60, 300, 900],
  hasDlq: true,
};

function stop(kind: StopReason['kind'], disposition: StopReason['disposition'] = 'release'): StopReason {
  return { kind, message: `stopped: ${kind}`, disposition };
}

describe('settlement decisions', () => {
  it('deletes on success and notifies when a pull request was opened', () => {
    expect(decideSettlement(base)).toMatchObject({
      action: { kind: 'delete' },
      outcome: 'succeeded',
      notice: null,
    });
    const opened = decideSettlement({
      ...base,
      end: {
        kind: 'result',
        result: { kind: 'success', details: { prUrl: 'https://github.com/o/r/pull/1' } },
      },
    });
    expect(opened).toMatchObject({ action: { kind: 'delete' }, outcome: 'succeeded', notice: 'pr-opened' });
  });

  it('deletes a no-op, recorded as the job says why (cancelled upstream by default)', () => {
    const noop = (reason: string, why?: 'duplicate' | 'cancelled-upstream') =>
      decideSettlement({
        ...base,
        end: { kind: 'result', result: { kind: 'noop', reason, ...(why ? { why } : {}) } },
      });
    expect(noop('PR #3 is open', 'duplicate')).toMatchObject({
      action: { kind: 'delete' },
      outcome: 'duplicate',
    });
    expect(noop('the issue was closed')).toMatchObject({
      action: { kind: 'delete' },
      outcome: 'cancelled-upstream',
    });
  });

  it('delays a retry by the backoff for its receive count', () => {
    const retry = (receiveCount: number) =>
      decideSettlement({
        ...base,
        receiveCount,
        end: { kind: 'result', result: { kind: 'retry', reason: 'push failed' } },
      });
    expect([1, 2, 3, 4].map((n) => retry(n).action)).toEqual([
      { kind: 'retry', delaySeconds: 60 },
      { kind: 'retry', delaySeconds: 300 },
      { kind: 'retry', delaySeconds: 900 },
      { kind: 'retry', delaySeconds: 900 },
    ]);
    expect(retry(1)).toMatchObject({ outcome: 'retrying', reason: 'push failed', notice: null });
  });

  it('records the last retryable attempt as failed and tells the user', () => {
    const last = decideSettlement({ ...base, isLastAttempt: true, end: { kind: 'threw', message: 'boom' } });
    expect(last).toMatchObject({
      action: { kind: 'retry' },
      outcome: 'failed',
      reason: 'boom',
      notice: 'job-failed',
    });
  });

  it('quarantines permanent failures and invalid bodies with their reason', () => {
    expect(
      decideSettlement({
        ...base,
        end: { kind: 'result', result: { kind: 'permanent', reason: 'repository not allowed' } },
      }),
    ).toMatchObject({
      action: { kind: 'quarantine' },
      outcome: 'quarantined',
      reason: 'repository not allowed',
      notice: 'job-failed',
    });
    expect(
      decideSettlement({ ...base, end: { kind: 'invalid', summary: '(message) is not JSON' } }),
    ).toMatchObject({
      action: { kind: 'quarantine' },
      reason: 'invalid task message: (message) is not JSON',
    });
  });

  it('without a DLQ retries permanent failures with the longest backoff and flags it', () => {
    const settled = decideSettlement({
      ...base,
      hasDlq: false,
      retryBackoffSeconds: [60, 900, 300],
      end: { kind: 'result', result: { kind: 'permanent', reason: 'bad' } },
    });
    expect(settled).toMatchObject({
      action: { kind: 'retry', delaySeconds: 900 },
      outcome: 'retrying',
      noDlq: true,
    });
    expect(settled.reason).toMatch(/^bad \(no dead-letter queue/);
  });

  it('releases a stopped job whatever it returned, with the stop reason', () => {
    for (const kind of ['shutdown', 'pause-stop-now', 'visibility-cap', 'cancelled'] as const) {
      expect(decideSettlement({ ...base, stop: stop(kind) })).toMatchObject({
        action: { kind: 'release' },
        outcome: 'released',
        reason: `stopped: ${kind}`,
      });
    }
  });

  it('quarantines a job the user discarded, or releases it when there is no DLQ', () => {
    expect(decideSettlement({ ...base, stop: stop('cancelled', 'discard') })).toMatchObject({
      action: { kind: 'quarantine' },
      outcome: 'quarantined',
      reason: 'cancelled by user',
      notice: null,
    });
    expect(decideSettlement({ ...base, hasDlq: false, stop: stop('cancelled', 'discard') })).toMatchObject({
      action: { kind: 'release' },
      noDlq: true,
    });
  });

  it('never settles a job whose lease was lost, not even a success', () => {
    expect(decideSettlement({ ...base, leaseLost: true, stop: stop('lease-lost') })).toMatchObject({
      action: { kind: 'none' },
      outcome: 'released',
      notice: null,
    });
    expect(decideSettlement({ ...base, leaseLost: true, stop: stop('cancelled', 'discard') }).action).toEqual(
      { kind: 'none' },
    );
  });

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
