import { describe, expect, it } from 'vitest';
import type { StopReason } from '../../../../src-main/engine/ports/job.ts';
import {
  decideSettlement,
  withRedeliveryReleased,
  type SettleInput,
} from '../../../../src-main/engine/worker/settlement/decide.ts';

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

  it('quarantines a retryable failure on the last attempt with its reason, and tells the user', () => {
    const last = decideSettlement({
      ...base,
      receiveCount: 3,
      isLastAttempt: true,
      end: { kind: 'threw', message: 'boom' },
    });
    // Not a retry: SQS's redrive would move it to the DLQ on its next receive without any reason.
    expect(last).toMatchObject({
      action: { kind: 'quarantine' },
      outcome: 'failed',
      reason: 'boom (gave up after 3 attempts)',
      notice: 'job-failed',
    });
    // Without a DLQ there is nothing better than retrying.
    expect(
      decideSettlement({
        ...base,
        isLastAttempt: true,
        hasDlq: false,
        end: { kind: 'threw', message: 'boom' },
      }),
    ).toMatchObject({ action: { kind: 'retry', delaySeconds: 60 }, outcome: 'retrying' });
  });

  it('never delays a retry past the 12 h visibility cap', () => {
    const retry = decideSettlement({
      ...base,
      receiveCount: 3,
      visibilityLeftSeconds: 120.7,
      end: { kind: 'result', result: { kind: 'retry', reason: 'push failed' } },
    });
    expect(retry.action).toEqual({ kind: 'retry', delaySeconds: 120 });
    const noDlq = decideSettlement({
      ...base,
      hasDlq: false,
      visibilityLeftSeconds: 30,
      end: { kind: 'result', result: { kind: 'permanent', reason: 'bad' } },
    });
    expect(noDlq.action).toEqual({ kind: 'retry', delaySeconds: 30 });
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

  it('releases a stopped job that did not finish, with the stop reason', () => {
    const unfinished = [
      { kind: 'threw', message: 'aborted' },
      { kind: 'result', result: { kind: 'retry', reason: 'stopped' } },
      { kind: 'result', result: { kind: 'permanent', reason: 'stopped' } },
    ] as const;
    for (const kind of ['shutdown', 'pause-stop-now', 'visibility-cap', 'cancelled'] as const) {
      for (const end of unfinished) {
        expect(decideSettlement({ ...base, end, stop: stop(kind) })).toMatchObject({
          action: { kind: 'release' },
          outcome: 'released',
          reason: `stopped: ${kind}`,
        });
      }
    }
  });

  it('deletes a job whose work was dropped upstream, with the reason, and tells nobody', () => {
    const dropped = {
      kind: 'dropped-upstream',
      message: 'no longer wanted: issue #7 was closed',
      disposition: 'delete',
    } as const;
    for (const end of [
      { kind: 'threw', message: 'aborted' },
      { kind: 'result', result: { kind: 'retry', reason: 'stopped before finishing' } },
    ] as const) {
      expect(decideSettlement({ ...base, end, stop: dropped })).toMatchObject({
        action: { kind: 'delete' },
        outcome: 'cancelled-upstream',
        reason: 'no longer wanted: issue #7 was closed',
        notice: null,
      });
    }
    // A lost lease still wins: the message may be someone else's now.
    expect(
      decideSettlement({ ...base, end: { kind: 'threw', message: 'x' }, stop: dropped, leaseLost: true }),
    ).toMatchObject({ action: { kind: 'none' } });
  });

  it('deletes a job that finished (success or no-op) even when a stop arrived at the same time', () => {
    const noop = {
      kind: 'result',
      result: { kind: 'noop', reason: 'closed', why: 'cancelled-upstream' },
    } as const;
    for (const kind of ['shutdown', 'pause-stop-now', 'visibility-cap', 'cancelled'] as const) {
      expect(decideSettlement({ ...base, stop: stop(kind) })).toMatchObject({
        action: { kind: 'delete' },
        outcome: 'succeeded',
      });
      expect(decideSettlement({ ...base, end: noop, stop: stop(kind, 'discard') })).toMatchObject({
        action: { kind: 'delete' },
        outcome: 'cancelled-upstream',
      });
    }
  });

  it('quarantines a job the user discarded, or releases it when there is no DLQ', () => {
    const aborted = { kind: 'threw', message: 'aborted' } as const;
    expect(decideSettlement({ ...base, end: aborted, stop: stop('cancelled', 'discard') })).toMatchObject({
      action: { kind: 'quarantine' },
      outcome: 'quarantined',
      reason: 'cancelled by user',
      notice: null,
    });
    expect(
      decideSettlement({ ...base, end: aborted, hasDlq: false, stop: stop('cancelled', 'discard') }),
    ).toMatchObject({ action: { kind: 'release' }, noDlq: true });
  });

  it('never settles a job whose lease was lost, not even a success, and says it will be redelivered', () => {
    const lost = decideSettlement({ ...base, leaseLost: true, stop: stop('lease-lost') });
    // Nothing was released: the message comes back by itself when its lease lapses.
    expect(lost).toMatchObject({
      action: { kind: 'none' },
      outcome: 'retrying',
      reason: 'stopped: lease-lost; the message returns to the queue when its lease lapses',
      notice: null,
    });
    expect(decideSettlement({ ...base, leaseLost: true, stop: stop('cancelled', 'discard') }).action).toEqual(
      { kind: 'none' },
    );
    // When a fresh delivery came to us meanwhile and was released, it was released.
    expect(withRedeliveryReleased(lost)).toMatchObject({
      outcome: 'released',
      reason: 'stopped: lease-lost; the message was delivered again and released',
    });
  });
});
