/** What the user sees of the guardrails (issue #14): the daily-limit pause, and the approval board. */
import { describe, expect, it } from 'vitest';
import { shellTranslator } from '../../../shared/i18n/shell-messages.ts';
import { trayStatusLine } from '../../../src-main/electron/tray-text.ts';
import {
  ApprovalBoard,
  type ApprovalRequest,
} from '../../../src-main/engine/pipeline/approval/approval-board.ts';
import { headline } from '../../../src-renderer/status/status-view.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { paused, snapshot } from '../electron/support.ts';

describe('the daily-limit pause', () => {
  const limited = snapshot({ pause: paused('daily-limit'), spend: { todayUsd: 5.2, perDayUsd: 5 } });

  it('says so in the tray, in English and Japanese', () => {
    const now = new Date('2026-01-10T10:00:00Z');
    expect(trayStatusLine(limited, shellTranslator('en'), 'en', now)).toBe(
      "Paused: today's limit of $5.00 reached",
    );
    expect(trayStatusLine(limited, shellTranslator('ja'), 'ja', now)).toBe(
      '一時停止中: 本日の上限 $5.00 に達しました',
    );
  });

  it('says so in the status header, with the amount to format', () => {
    expect(headline(limited, 'connected')).toMatchObject({
      key: 'header.pausedDailyLimit',
      tone: 'paused',
      values: { amount: 5 },
    });
  });
});

const request = (jobId: string): ApprovalRequest => ({
  jobId,
  issue: { repository: 'o/r', number: 1, title: 'T' },
  branch: 'ai-task/issue-1',
  files: [{ path: 'a.txt', added: 1, removed: 0 }],
  linesAdded: 1,
  linesRemoved: 0,
  checks: 'none',
  checksSummary: null,
  usage: null,
  note: null,
  diff: '+a',
});

describe('the approval board', () => {
  it('lists a waiting job with its expiry and answers it once', async () => {
    const clock = new FakeClock('2026-11-20T09:00:00Z');
    const board = new ApprovalBoard({ clock });
    const seen: number[] = [];
    board.onChange((views) => seen.push(views.length));
    const waiting = board.wait(request('j1'), { timeoutMs: 60_000, signal: new AbortController().signal });
    expect(board.list()).toMatchObject([
      { jobId: 'j1', waitingSince: '2026-11-20T09:00:00.000Z', expiresAt: '2026-11-20T09:01:00.000Z' },
    ]);
    expect(board.diff('j1')).toBe('+a');
    expect(board.decide('j1', { kind: 'retry', note: 'again' })).toBe(true);
    expect(await waiting).toEqual({ kind: 'retry', note: 'again' });
    expect(board.decide('j1', { kind: 'push' })).toBe(false);
    expect(board.diff('j1')).toBeNull();
    expect(seen).toEqual([1, 0]);
    expect(clock.pending).toBe(0);
  });

  it('times out, and stops waiting when the job is stopped', async () => {
    const clock = new FakeClock();
    const board = new ApprovalBoard({ clock });
    const timedOut = board.wait(request('j2'), { timeoutMs: 1000, signal: new AbortController().signal });
    await clock.advance(1000);
    expect(await timedOut).toEqual({ kind: 'timeout' });
    const controller = new AbortController();
    const stopped = board.wait(request('j3'), { timeoutMs: 1000, signal: controller.signal });
    controller.abort(new Error('cancelled'));
    await expect(stopped).rejects.toThrow('cancelled');
    expect(board.list()).toEqual([]);
  });
});
