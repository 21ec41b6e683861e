/**
 * What one job has spent across its agent rounds, and its per-job cap: each round reports its own
 * session total (Aider's "Cost: … $X session", or the usage another preset's parser reports), and
 * the job's spend is the finished rounds plus the running one. When it passes the cap, the running
 * round's stop signal fires with a SpendLimitStop as its reason.
 *
 * Tokens are summed too, for presets that report no price.
 */
import type { AgentUsage } from '../../../shared/job-record.ts';
import { formatCost } from '../support/format-cost.ts';

export class SpendLimitStop extends Error {
  readonly limitUsd: number;
  /** `todayLimitUsd`: set when what was left of today's limit was the lower cap. */
  constructor(limitUsd: number, todayLimitUsd: number | null = null) {
    super(
      todayLimitUsd === null
        ? `stopped at the ${formatCost(limitUsd)} per-job limit`
        : `stopped at today's ${formatCost(todayLimitUsd)} limit (${formatCost(limitUsd)} of it was left for this job)`,
    );
    this.name = 'SpendLimitStop';
    this.limitUsd = limitUsd;
  }
}

export interface SpendRound {
  /** Fires when the job's spend passes the cap while this round runs. */
  readonly signal: AbortSignal;
  /** The round's usage so far (its own session total); call on every change. */
  report(usage: AgentUsage): void;
  /** Ends the round, adding its last usage to the job's. */
  finish(): void;
}

export class JobSpend {
  readonly #limitUsd: number | null;
  readonly #todayLimitUsd: number | null;
  #done: AgentUsage = { tokensSent: null, tokensReceived: null, costUsd: null };
  #current: AgentUsage | null = null;
  #stopped = false;

  /**
   * `limitUsd`: the job's cap in US dollars, or null for none; `todayLimitUsd`: the daily limit,
   * when what was left of it is that cap (the reason then says so).
   */
  constructor(limitUsd: number | null, todayLimitUsd: number | null = null) {
    this.#limitUsd = limitUsd;
    this.#todayLimitUsd = todayLimitUsd;
  }

  /**
   * The cap of one job (a first round or a review round alike): the per-job limit, or what is left
   * of today's limit when that is lower — then the stop names today's limit.
   */
  static forJob(limits: {
    readonly perJobUsd: number | null;
    readonly perDayUsd: number | null;
    readonly leftTodayUsd: number | null;
  }): JobSpend {
    const { perJobUsd, perDayUsd, leftTodayUsd } = limits;
    return leftTodayUsd !== null && (perJobUsd === null || leftTodayUsd < perJobUsd)
      ? new JobSpend(leftTodayUsd, perDayUsd)
      : new JobSpend(perJobUsd);
  }

  /** The job's usage: finished rounds plus the running one. */
  total(): AgentUsage {
    return this.#current ? addUsage(this.#done, this.#current) : this.#done;
  }

  /** True once a round was stopped by the cap. */
  get limitReached(): boolean {
    return this.#stopped;
  }

  get limitUsd(): number | null {
    return this.#limitUsd;
  }

  startRound(): SpendRound {
    const controller = new AbortController();
    this.#current = { tokensSent: null, tokensReceived: null, costUsd: null };
    const check = () => {
      const cost = this.total().costUsd;
      if (this.#limitUsd !== null && cost !== null && cost > this.#limitUsd && !controller.signal.aborted) {
        this.#stopped = true;
        controller.abort(new SpendLimitStop(this.#limitUsd, this.#todayLimitUsd));
      }
    };
    check();
    return {
      signal: controller.signal,
      report: (usage) => {
        this.#current = usage;
        check();
      },
      finish: () => {
        if (this.#current) this.#done = addUsage(this.#done, this.#current);
        this.#current = null;
      },
    };
  }
}

export function addUsage(a: AgentUsage, b: AgentUsage): AgentUsage {
  const sum = (x: number | null, y: number | null) => (x === null && y === null ? null : (x ?? 0) + (y ?? 0));
  return {
    tokensSent: sum(a.tokensSent, b.tokensSent),
    tokensReceived: sum(a.tokensReceived, b.tokensReceived),
    costUsd: sum(a.costUsd, b.costUsd),
  };
}
