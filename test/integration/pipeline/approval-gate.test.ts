/**
 * Approve before push (issue #14): the job stops before its push with what it would push, and
 * waits for Push, Discard or Retry with a note; a gate nobody answers releases the message.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalView } from '../../../shared/approval.ts';
import { ApprovalBoard } from '../../../src-main/engine/pipeline/approval/approval-board.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { REPO, startHarness, stop, type Harness } from './pipeline-harness.ts';

describe('the approval gate', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    h.fake.assertNoViolations();
  });

  function gated(clock?: FakeClock) {
    const board = new ApprovalBoard(clock ? { clock } : {});
    const pipeline = h.pipeline({
      approvals: board,
      config: { approveBeforePush: true, approvalTimeoutMinutes: 30 },
    });
    /** Resolves with the job's view once it waits at the gate. */
    const waiting = (jobIssue: number) =>
      new Promise<ApprovalView>((resolve) => {
        const check = (views: readonly ApprovalView[]) => {
          const view = views.find((v) => v.issue.number === jobIssue);
          if (view) {
            off();
            resolve(view);
          }
        };
        const off = board.onChange(check);
        check(board.list());
      });
    return { board, pipeline, waiting };
  }

  it('waits with the diff summary, pushes nothing until Push, then opens the pull request', async () => {
    const { board, pipeline, waiting } = gated();
    const running = h.run(h.issue(501, 'edit-commit'), { pipeline });
    const view = await waiting(501);
    expect(view).toMatchObject({
      branch: 'ai-task/issue-501',
      files: [{ path: 'ai-change.txt', added: 2, removed: 0 }],
      linesAdded: 2,
      linesRemoved: 0,
      checks: 'none',
      usage: { costUsd: 0.0456 },
      note: null,
    });
    expect(Date.parse(view.expiresAt) - Date.parse(view.waitingSince)).toBe(30 * 60_000);
    expect(board.diff(view.jobId)).toContain('+Change requested by the issue.');
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-501')).toBeNull();

    expect(board.decide(view.jobId, { kind: 'push' })).toBe(true);
    const run = await running;
    expect(run.result.kind).toBe('success');
    expect(run.phases).toContain('awaiting-approval');
    expect(h.fake.pulls(REPO).some((p) => p.head === 'ai-task/issue-501')).toBe(true);
    expect(board.list()).toEqual([]);
    expect(board.decide(view.jobId, { kind: 'push' })).toBe(false);
  });

  it('fails the job permanently (to the DLQ) with the reason on Discard, and pushes nothing', async () => {
    const { board, pipeline, waiting } = gated();
    const running = h.run(h.issue(502, 'edit-commit'), { pipeline });
    const view = await waiting(502);
    board.decide(view.jobId, { kind: 'discard' });
    const run = await running;
    expect(run.result).toMatchObject({
      kind: 'permanent',
      reason: 'discarded at the approval gate: nothing was pushed',
    });
    expect(run.record.outcome).toBe('quarantined');
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-502')).toBeNull();
  });

  it('runs the agent again from the start with the note in its prompt on Retry, and waits again', async () => {
    const { board, pipeline, waiting } = gated();
    const running = h.run(h.issue(503, 'echo-prompt'), { pipeline });
    const first = await waiting(503);
    board.decide(first.jobId, { kind: 'retry', note: 'Use a friendlier greeting.', model: 'gpt-4o-mini' });
    const second = await new Promise<ApprovalView>((resolve) => {
      const off = board.onChange((views) => {
        const view = views.find((v) => v.issue.number === 503 && v.note !== null);
        if (view) {
          off();
          resolve(view);
        }
      });
    });
    expect(second.note).toBe('Use a friendlier greeting.');
    // The branch went back to its start: one commit, not two.
    expect(board.diff(second.jobId)).toContain('+Change requested by the issue.');
    board.decide(second.jobId, { kind: 'push' });
    const run = await running;
    expect(run.result.kind).toBe('success');
    expect(run.lines).toContain(
      "prompt| # Maintainer's note (sent with this retry; it takes precedence over the issue text)",
    );
    expect(run.lines).toContain('prompt| Use a friendlier greeting.');
    expect(run.record).toMatchObject({ note: 'Use a friendlier greeting.', model: 'gpt-4o-mini' });
    expect(await h.remotes.commitsAhead(REPO, 'ai-task/issue-503')).toEqual([
      'feat: make the change the issue asks for',
    ]);
    const pull = h.fake.pulls(REPO).find((p) => p.head === 'ai-task/issue-503')!;
    expect(pull.body).toContain('`gpt-4o-mini`');
  });

  it('releases the message when nobody answers in time', async () => {
    const clock = new FakeClock(Date.now());
    const { pipeline, waiting } = gated(clock);
    const running = h.run(h.issue(504, 'edit-commit'), { pipeline });
    await waiting(504);
    await clock.advance(30 * 60_000);
    const run = await running;
    expect(run.result).toMatchObject({
      kind: 'release',
      reason: 'nobody approved the push within 30 min; the message was released',
    });
    expect(run.record.outcome).toBe('released');
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-504')).toBeNull();
  });

  it('stops waiting when the job is cancelled', async () => {
    const { pipeline, waiting, board } = gated();
    const { controller, reason } = stop('cancelled', 'cancelled by the user');
    const running = h.run(h.issue(505, 'edit-commit'), { pipeline, signal: controller.signal });
    await waiting(505);
    controller.abort(reason);
    const run = await running;
    expect(run.result).toMatchObject({
      kind: 'retry',
      reason: 'stopped before finishing: cancelled by the user',
    });
    expect(board.list()).toEqual([]);
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-505')).toBeNull();
  });
});
