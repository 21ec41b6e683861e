// A branch pushed with no pull request (the sandbox) is recorded as what it is, never as
// "Pull request opened".
import { describe, expect, it } from 'vitest';
import { decideSettlement, type SettleInput } from '../../../../src-main/engine/worker/settlement/decide.ts';

const input = (details: Record<string, string>): SettleInput => ({
  end: { kind: 'result', result: { kind: 'success', details } },
  stop: null,
  leaseLost: false,
  receiveCount: 1,
  isLastAttempt: false,
  retryBackoffSeconds: [60],
  hasDlq: true,
});

describe('a branch pushed without a pull request', () => {
  it('is deleted from the queue as done, recorded as "pushed" with where the branch went, and not notified as a PR', () => {
    const why =
      'no pull request (the sandbox has no GitHub); branch ai-task/issue-1 pushed to the demo repository';
    expect(decideSettlement(input({ noPullRequest: why }))).toEqual({
      action: { kind: 'delete' },
      outcome: 'pushed',
      reason: why,
      notice: null,
      noDlq: false,
    });
  });

  it('is a plain success once a pull request exists', () => {
    const opened = decideSettlement(input({ noPullRequest: 'x', prUrl: 'https://github.com/o/r/pull/1' }));
    expect(opened).toMatchObject({ outcome: 'succeeded', reason: null, notice: 'pr-opened' });
  });
});
