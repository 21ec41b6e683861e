// A success that pushed the branch but opened no pull request (the sandbox, or a repository that
// refuses pull requests) is recorded as "pushed" with the reason, not as a pull request opened.
import { describe, expect, it } from 'vitest';
import { decideSettlement, type SettleInput } from '../../../src-main/engine/worker/settlement.ts';

const success = (details: Record<string, string>): SettleInput => ({
  end: { kind: 'result', result: { kind: 'success', details } },
  stop: null,
  leaseLost: false,
  receiveCount: 1,
  isLastAttempt: false,
  retryBackoffSeconds: [60],
  hasDlq: true,
});

describe('a success without a pull request', () => {
  it('deletes the message and records it as pushed, with why no pull request was opened', () => {
    expect(decideSettlement(success({ noPullRequest: 'the sandbox has no GitHub' }))).toEqual({
      action: { kind: 'delete' },
      outcome: 'pushed',
      reason: 'the sandbox has no GitHub',
      notice: null,
      noDlq: false,
    });
  });

  it('counts as a pull request opened whenever there is one', () => {
    expect(
      decideSettlement(success({ prUrl: 'https://github.com/o/r/pull/2', noPullRequest: 'stale note' })),
    ).toMatchObject({ outcome: 'succeeded', reason: null, notice: 'pr-opened' });
  });
});
