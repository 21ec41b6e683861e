/** The pure parts of the guardrails (issue #14): spend arithmetic, local days, texts, the message's note. */
import { describe, expect, it } from 'vitest';
import { isReviewTask, parseTaskMessage, validateTaskMessage } from '../../../shared/task-message.ts';
import { buildPrompt } from '../../../src-main/engine/agent/prompt.ts';
import {
  aiderTestFlags,
  checkFailurePrompt,
  checksSection,
  shellQuote,
} from '../../../src-main/engine/pipeline/checks/checks-text.ts';
import type { ChecksReport } from '../../../src-main/engine/pipeline/checks/run-checks.ts';
import { withRetryNote } from '../../../src-main/engine/retry/retry-message.ts';
import { localDay, nextLocalMidnight } from '../../../src-main/engine/spend/daily-limit.ts';
import { addUsage, JobSpend, SpendLimitStop } from '../../../src-main/engine/spend/job-spend.ts';
import { decideSettlement } from '../../../src-main/engine/worker/settlement/decide.ts';
import { sampleTask } from '../../support/sample-task.ts';

const usage = (costUsd: number | null, tokensSent: number | null = null) => ({
  tokensSent,
  tokensReceived: null,
  costUsd,
});

describe('the per-job spend', () => {
  it('adds the rounds and stops the running round once the total passes the limit', () => {
    const spend = new JobSpend(0.1);
    const first = spend.startRound();
    first.report(usage(0.04, 1000));
    first.report(usage(0.06, 2000));
    first.finish();
    expect(spend.total()).toEqual({ tokensSent: 2000, tokensReceived: null, costUsd: 0.06 });
    const second = spend.startRound();
    second.report(usage(0.04));
    expect(second.signal.aborted).toBe(false);
    second.report(usage(0.05));
    expect(second.signal.aborted).toBe(true);
    expect(second.signal.reason).toBeInstanceOf(SpendLimitStop);
    expect((second.signal.reason as Error).message).toBe('stopped at the $0.10 per-job limit');
    expect(spend.limitReached).toBe(true);
  });

  it('never stops without a limit or without a reported price', () => {
    const unlimited = new JobSpend(null).startRound();
    unlimited.report(usage(1000));
    expect(unlimited.signal.aborted).toBe(false);
    const tokensOnly = new JobSpend(0.01).startRound();
    tokensOnly.report(usage(null, 5_000_000));
    expect(tokensOnly.signal.aborted).toBe(false);
  });

  it('sums usage, keeping null where neither side knows', () => {
    expect(addUsage(usage(null), usage(null))).toEqual(usage(null));
    expect(addUsage(usage(0.5, 10), usage(null, 5))).toEqual({
      tokensSent: 15,
      tokensReceived: null,
      costUsd: 0.5,
    });
  });
});

describe('local days', () => {
  it('names the local day and finds the next local midnight', () => {
    const evening = new Date(2026, 11, 31, 23, 59, 30).getTime();
    expect(localDay(evening)).toBe('2026-12-31');
    expect(nextLocalMidnight(evening)).toBe(new Date(2027, 0, 1, 0, 0, 0).toISOString());
    expect(localDay(Date.parse(nextLocalMidnight(evening)))).toBe('2027-01-01');
  });
});

const failing: ChecksReport = {
  passed: false,
  failedStep: 'check',
  command: ['npm', 'run', 'test:unit'],
  problem: 'exited with code 1',
  tail: ['ok 1', 'not ok 2 - greets in ```fences```'],
  commandsMs: 10,
  totalMs: 20,
};

describe('the checks texts', () => {
  it('puts the failure output in the second round’s prompt as data', () => {
    const prompt = checkFailurePrompt('The task.\n', failing);
    expect(prompt).toContain("# The repository's checks failed on your changes");
    expect(prompt).toContain('The check command `npm run test:unit` exited with code 1.');
    // The output's own backticks cannot end the fence.
    expect(prompt).toContain('````text\nok 1\nnot ok 2 - greets in ```fences```\n````');
  });

  it('writes the Checks section for passing and failing checks', () => {
    expect(checksSection({ ...failing, passed: true, failedStep: null, problem: '' }, 1)).toBe(
      "### Checks\n\nThe repository's checks passed: passed (`npm run test:unit`).",
    );
    const section = checksSection(failing, 2);
    expect(section).toContain("**The repository's checks fail.**");
    expect(section).toContain('also after a second agent round');
    expect(section).toContain('<details><summary>Last lines of the output</summary>');
  });

  it('quotes the check command for Aider’s shell, whatever it holds', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(aiderTestFlags(['npm', 'test', '--', '$(rm -rf /)'])).toEqual([
      '--test-cmd',
      `'npm' 'test' '--' '$(rm -rf /)'`,
      '--auto-test',
    ]);
    expect(aiderTestFlags([])).toEqual([]);
  });
});

describe('the note in the task message', () => {
  it('is optional, trimmed, and at most 4,000 characters', () => {
    expect(validateTaskMessage(sampleTask()).ok).toBe(true);
    const ok = validateTaskMessage({
      ...sampleTask(),
      note: '  Use tabs.  ',
      model: 'ollama_chat/qwen2.5:7b',
    });
    expect(ok.ok && ok.value).toMatchObject({ note: 'Use tabs.', model: 'ollama_chat/qwen2.5:7b' });
    const long = validateTaskMessage({ ...sampleTask(), note: 'x'.repeat(4001) });
    expect(!long.ok && long.summary).toBe('note must be at most 4000 characters');
    const flag = validateTaskMessage({ ...sampleTask(), model: '--exec=evil' });
    expect(!flag.ok && flag.summary).toBe('model must be a model name');
  });

  it('is set on a DLQ body, replacing an earlier note', () => {
    const body = JSON.stringify({ ...sampleTask(), note: 'old', model: 'gpt-4o' });
    const next = parseTaskMessage(withRetryNote(body, { note: 'new' }));
    // A retried task is an issue message (review rounds take no note).
    const retried = next.ok && !isReviewTask(next.value) ? next.value : null;
    expect(retried?.note).toBe('new');
    expect(retried?.model).toBeUndefined();
  });

  it('appears in the prompt as the maintainer’s note, after the issue', () => {
    const prompt = buildPrompt({
      repository: 'o/r',
      issueNumber: 1,
      title: 'T',
      body: 'Body',
      comments: [],
      note: 'Prefer the small fix.',
    });
    expect(prompt.indexOf('Body')).toBeLessThan(prompt.indexOf("# Maintainer's note"));
    expect(prompt).toContain('\n\nPrefer the small fix.\n');
  });
});

describe('a released result', () => {
  it('puts the message back at once with the reason', () => {
    const settlement = decideSettlement({
      end: { kind: 'result', result: { kind: 'release', reason: 'nobody approved the push within 30 min' } },
      stop: null,
      leaseLost: false,
      receiveCount: 1,
      isLastAttempt: false,
      retryBackoffSeconds: [60],
      hasDlq: true,
    });
    expect(settlement).toMatchObject({
      action: { kind: 'release' },
      outcome: 'released',
      reason: 'nobody approved the push within 30 min',
    });
  });
});
