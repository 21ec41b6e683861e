// The settlement rules a single example does not pin down: exact wording when no stop reason or
// no DLQ is there, the unset 12 h budget, which stops may discard, and the noDlq flag staying off
// whenever a DLQ took the message or none was needed.
import { describe, expect, it } from 'vitest';
import type { StopReason } from '../../../../src-main/engine/ports/job.ts';
import {
  decideSettlement,
  detailsOf,
  withRedeliveryReleased,
  type JobEnd,
  type SettleInput,
  type Settlement,
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
const retryable: JobEnd = { kind: 'result', result: { kind: 'retry', reason: 'push failed' } };
const permanent: JobEnd = { kind: 'result', result: { kind: 'permanent', reason: 'bad' } };
const aborted: JobEnd = { kind: 'threw', message: 'aborted' };

function stop(kind: StopReason['kind'], disposition: StopReason['disposition'] = 'release'): StopReason {
  return { kind, message: `stopped: ${kind}`, disposition };
}

describe('settlement rules', () => {
  it('says the lease was lost when no stop reason came with it', () => {
    expect(decideSettlement({ ...base, leaseLost: true })).toMatchObject({
      action: { kind: 'none' },
      reason: 'the lease was lost; the message returns to the queue when its lease lapses',
    });
  });

  it('uses the backoff when the 12 h budget is unknown (null), not a delay of 0', () => {
    for (const visibilityLeftSeconds of [null, undefined]) {
      expect(decideSettlement({ ...base, end: retryable, visibilityLeftSeconds }).action).toEqual({
        kind: 'retry',
        delaySeconds: 60,
      });
    }
  });

  it('never asks for a negative delay when the budget is already spent', () => {
    expect(decideSettlement({ ...base, end: retryable, visibilityLeftSeconds: -5 }).action).toEqual({
      kind: 'retry',
      delaySeconds: 0,
    });
  });

  it('lets only a user’s cancel discard a message: any other stop releases it', () => {
    for (const kind of ['shutdown', 'pause-stop-now', 'visibility-cap'] as const) {
      expect(decideSettlement({ ...base, end: aborted, stop: stop(kind, 'discard') })).toMatchObject({
        action: { kind: 'release' },
        outcome: 'released',
        reason: `stopped: ${kind}`,
      });
    }
  });

  it('records a discard without a DLQ as released, and says why', () => {
    expect(
      decideSettlement({ ...base, end: aborted, hasDlq: false, stop: stop('cancelled', 'discard') }),
    ).toEqual({
      action: { kind: 'release' },
      outcome: 'released',
      reason: 'cancelled by user; released because there is no dead-letter queue',
      notice: null,
      noDlq: true,
    });
  });

  it('raises the noDlq flag only when a quarantine was needed and no DLQ exists', () => {
    const flagged = (input: Partial<SettleInput>): boolean => decideSettlement({ ...base, ...input }).noDlq;
    expect(flagged({})).toBe(false);
    expect(flagged({ end: retryable })).toBe(false);
    expect(flagged({ end: retryable, hasDlq: false })).toBe(false);
    expect(flagged({ end: permanent })).toBe(false);
    expect(flagged({ end: aborted, stop: stop('cancelled', 'discard') })).toBe(false);
    expect(flagged({ end: aborted, stop: stop('shutdown') })).toBe(false);
    expect(flagged({ leaseLost: true })).toBe(false);
    expect(flagged({ end: permanent, hasDlq: false })).toBe(true);
  });
});

describe('after a lost lease', () => {
  it('leaves every other settlement as it was', () => {
    const settled: Settlement[] = [
      decideSettlement(base),
      decideSettlement({ ...base, end: retryable }),
      decideSettlement({ ...base, end: aborted, stop: stop('shutdown') }),
    ];
    for (const settlement of settled) expect(withRedeliveryReleased(settlement)).toBe(settlement);
  });

  it('says the lease was lost when the settlement gave no reason', () => {
    const lost: Settlement = {
      action: { kind: 'none' },
      outcome: 'retrying',
      reason: null,
      notice: null,
      noDlq: false,
    };
    expect(withRedeliveryReleased(lost)).toEqual({
      ...lost,
      outcome: 'released',
      reason: 'the lease was lost; the message was delivered again and released',
    });
  });
});

describe('detailsOf', () => {
  it('gives the details a result reported, and nothing for other ends', () => {
    const details = { prUrl: 'https://github.com/o/r/pull/1', branch: 'ai-task/issue-1' };
    expect(detailsOf({ kind: 'result', result: { kind: 'success', details } })).toBe(details);
    expect(detailsOf({ kind: 'result', result: { kind: 'retry', reason: 'push failed' } })).toBeNull();
    expect(detailsOf({ kind: 'threw', message: 'boom' })).toBeNull();
    expect(detailsOf({ kind: 'invalid', summary: 'bad' })).toBeNull();
  });
});
