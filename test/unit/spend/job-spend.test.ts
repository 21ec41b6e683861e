/** The per-job spend cap: the rounds' totals, and the stop that fires once the job passes the cap. */
import { describe, expect, it } from 'vitest';
import { JobSpend, SpendLimitStop } from '../../../src-main/engine/spend/job-spend.ts';

const usage = (
  costUsd: number | null,
  tokensSent: number | null = null,
  tokensReceived: number | null = null,
) => ({
  tokensSent,
  tokensReceived,
  costUsd,
});

describe('the per-job spend cap', () => {
  it('counts finished rounds plus the running one, and only the last report of a round', () => {
    const spend = new JobSpend(null);
    expect(spend.total()).toEqual(usage(null));
    const first = spend.startRound();
    // A round that reported nothing yet knows nothing: null, not zero.
    expect(spend.total()).toEqual(usage(null));
    first.report(usage(0.5, 100, 10));
    first.report(usage(1, 200, 20));
    expect(spend.total()).toEqual(usage(1, 200, 20));
    first.finish();
    first.finish();
    expect(spend.total()).toEqual(usage(1, 200, 20));
    const second = spend.startRound();
    expect(spend.total()).toEqual(usage(1, 200, 20));
    second.report(usage(2, 1, 2));
    expect(spend.total()).toEqual(usage(3, 201, 22));
    second.finish();
    expect(spend.total()).toEqual(usage(3, 201, 22));
    expect(spend.limitUsd).toBeNull();
    expect(spend.limitReached).toBe(false);
  });

  it('stops only past the cap: reaching it exactly is allowed', () => {
    const spend = new JobSpend(1);
    expect(spend.limitUsd).toBe(1);
    const round = spend.startRound();
    round.report(usage(1));
    expect(round.signal.aborted).toBe(false);
    expect(spend.limitReached).toBe(false);
    round.report(usage(1.01));
    expect(round.signal.aborted).toBe(true);
    expect(spend.limitReached).toBe(true);
  });

  it('stops a new round at once when the finished rounds already passed the cap, keeping the first reason', () => {
    const spend = new JobSpend(1);
    const first = spend.startRound();
    first.report(usage(2));
    const reason = first.signal.reason as SpendLimitStop;
    first.report(usage(3));
    expect(first.signal.reason).toBe(reason);
    first.finish();
    const second = spend.startRound();
    expect(second.signal.aborted).toBe(true);
    expect(second.signal.reason).toBeInstanceOf(SpendLimitStop);
  });

  it('says when what was left of today’s limit was the lower cap', () => {
    const round = new JobSpend(0.25, 5).startRound();
    round.report(usage(0.3));
    const reason = round.signal.reason as SpendLimitStop;
    expect(reason.name).toBe('SpendLimitStop');
    expect(reason.limitUsd).toBe(0.25);
    expect(reason.message).toBe("stopped at today's $5.00 limit ($0.25 of it was left for this job)");
    expect(new SpendLimitStop(2).message).toBe('stopped at the $2.00 per-job limit');
  });

  it('caps a job (first round or review round alike) at the lower of the per-job limit and what is left today', () => {
    const stopAt = (limits: Parameters<typeof JobSpend.forJob>[0], cost: number) => {
      const round = JobSpend.forJob(limits).startRound();
      round.report(usage(cost));
      return round.signal.aborted ? (round.signal.reason as SpendLimitStop).message : null;
    };
    expect(stopAt({ perJobUsd: 2, perDayUsd: 5, leftTodayUsd: 0.5 }, 0.6)).toBe(
      "stopped at today's $5.00 limit ($0.50 of it was left for this job)",
    );
    expect(stopAt({ perJobUsd: 2, perDayUsd: 5, leftTodayUsd: 4 }, 2.5)).toBe(
      'stopped at the $2.00 per-job limit',
    );
    expect(stopAt({ perJobUsd: null, perDayUsd: 5, leftTodayUsd: 1 }, 1.5)).toBe(
      "stopped at today's $5.00 limit ($1.00 of it was left for this job)",
    );
    expect(stopAt({ perJobUsd: 2, perDayUsd: null, leftTodayUsd: null }, 1.9)).toBeNull();
    expect(stopAt({ perJobUsd: null, perDayUsd: null, leftTodayUsd: null }, 1_000)).toBeNull();
    // Equal caps: the per-job limit is the one that stops it.
    expect(stopAt({ perJobUsd: 1, perDayUsd: 5, leftTodayUsd: 1 }, 1.5)).toBe(
      'stopped at the $1.00 per-job limit',
    );
  });
});
