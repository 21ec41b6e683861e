import { describe, expect, it } from 'vitest';
import { noticeFor } from '../../../src-main/engine/worker/notices.ts';
import { decideSettlement, type SettleInput } from '../../../src-main/engine/worker/settlement/decide.ts';

const base: SettleInput = {
  end: { kind: 'result', result: { kind: 'success', details: {} } },
  stop: null,
  leaseLost: false,
  receiveCount: 1,
  isLastAttempt: false,
  retryBackoffSeconds: [60],
  hasDlq: true,
};
const issue = { repository: 'octo-org/hello-world', number: 42, title: 'Fix the greeting' };
const serverUrl = 'https://github.example.com';

describe('notices', () => {
  it('announces an opened pull request with its link', () => {
    const details = { prUrl: 'https://github.example.com/octo-org/hello-world/pull/9' };
    const settlement = decideSettlement({
      ...base,
      end: { kind: 'result', result: { kind: 'success', details } },
    });
    expect(noticeFor({ jobId: 'j', settlement, issue, details, serverUrl })).toEqual({
      kind: 'pr-opened',
      subject: 'octo-org/hello-world#42',
      title: 'Pull request opened for octo-org/hello-world#42',
      body: 'Fix the greeting',
      url: details.prUrl,
      jobId: 'j',
    });
  });

  it('announces a pushed review round by its round and pull request', () => {
    const details = {
      prUrl: 'https://github.example.com/octo-org/hello-world/pull/9',
      review: { pullNumber: 9, round: 3 },
    };
    const settlement = decideSettlement({
      ...base,
      end: { kind: 'result', result: { kind: 'success', details } },
    });
    expect(noticeFor({ jobId: 'j', settlement, issue, details, serverUrl })).toEqual({
      kind: 'round-pushed',
      subject: 'octo-org/hello-world#42',
      title: 'Pushed round 3 to PR #9',
      body: 'Fix the greeting',
      url: details.prUrl,
      jobId: 'j',
      review: { pullNumber: 9, round: 3 },
    });
  });

  it('says nothing about a review round that changed nothing, and deletes its message', () => {
    const details = { prUrl: 'https://github.example.com/o/r/pull/9', review: { pullNumber: 9, round: 2 } };
    const settlement = decideSettlement({
      ...base,
      end: { kind: 'result', result: { kind: 'noop', why: 'no-changes', reason: 'no changes', details } },
    });
    expect(settlement).toMatchObject({ action: { kind: 'delete' }, outcome: 'no-changes' });
    expect(noticeFor({ jobId: 'j', settlement, issue, details, serverUrl })).toBeNull();
  });

  it('tells the user about a failure with the reason and a link to the issue', () => {
    const settlement = decideSettlement({
      ...base,
      end: { kind: 'result', result: { kind: 'permanent', reason: 'not allowed' } },
    });
    expect(noticeFor({ jobId: 'j', settlement, issue, details: null, serverUrl })).toEqual({
      kind: 'job-failed',
      subject: 'octo-org/hello-world#42',
      title: 'Job failed: octo-org/hello-world#42',
      body: 'not allowed',
      url: 'https://github.example.com/octo-org/hello-world/issues/42',
      jobId: 'j',
    });
    expect(noticeFor({ jobId: 'j', settlement, issue: null, details: null, serverUrl })).toMatchObject({
      title: 'A task message was quarantined',
      url: null,
    });
  });

  it('stays quiet for successes without a PR, no-ops, retries and releases', () => {
    for (const input of [
      base,
      { ...base, end: { kind: 'result', result: { kind: 'noop', reason: 'closed' } } },
      { ...base, end: { kind: 'threw', message: 'x' } },
      { ...base, stop: { kind: 'shutdown', message: 'quit', disposition: 'release' } },
    ] satisfies SettleInput[]) {
      expect(
        noticeFor({ jobId: 'j', settlement: decideSettlement(input), issue, details: null, serverUrl }),
      ).toBeNull();
    }
  });
});
