/**
 * The per-job spend cap (issue #14): the agent's reported session cost is watched as it runs; past
 * the cap the agent is stopped, nothing is pushed, the job fails permanently with the reason and
 * the issue is told. Costs add up across the rounds of one job.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO, startHarness, type Harness } from './pipeline-harness.ts';

describe('the per-job spend limit', () => {
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

  it('stops the agent when its cost passes the limit, pushes nothing and says why on the issue', async () => {
    const run = await h.run(h.issue(401, 'spend'), {
      pipeline: h.pipeline({ config: { limits: { perJobUsd: 0.05 } } }),
    });
    expect(run.result).toMatchObject({ kind: 'permanent', reason: 'stopped at the $0.05 per-job limit' });
    // The agent never ends by itself in this mode: it was stopped, soon after passing the limit.
    const costs = run.lines.filter((line) => line.startsWith('Tokens: '));
    expect(costs.length).toBeGreaterThanOrEqual(6);
    expect(costs.length).toBeLessThan(40);
    expect(run.record.usage?.costUsd).toBeGreaterThan(0.05);
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-401')).toBeNull();
    expect(h.fake.pulls(REPO).some((p) => p.head === 'ai-task/issue-401')).toBe(false);
    const [comment] = h.fake.comments(REPO, 401);
    expect(comment!.body).toContain('could not finish this issue: `stopped at the $0.05 per-job limit`');
  }, 30_000);

  it('lets a job under the limit finish and records its cost', async () => {
    const run = await h.run(h.issue(402, 'edit-commit'), {
      pipeline: h.pipeline({ config: { limits: { perJobUsd: 1 } } }),
    });
    expect(run.result.kind).toBe('success');
    expect(run.record.usage).toEqual({ tokensSent: 2300, tokensReceived: 345, costUsd: 0.0456 });
  });

  it('counts both agent rounds of a job whose checks failed', async () => {
    const run = await h.run(h.issue(403, 'edit-commit'), {
      pipeline: h.pipeline({
        config: {
          limits: { perJobUsd: 0.08 },
          repositorySettings: { [REPO]: { checkCommand: [process.execPath, '-e', 'process.exit(1)'] } },
        },
      }),
    });
    // Each round reports $0.0456: the second passes the $0.08 limit.
    expect(run.result).toMatchObject({ kind: 'permanent', reason: 'stopped at the $0.08 per-job limit' });
    expect(run.record.usage?.costUsd).toBeCloseTo(0.0912, 6);
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-403')).toBeNull();
  });

  it('stops a job at what is left of today’s limit, and says it was the daily limit', async () => {
    const run = await h.run(h.issue(404, 'spend'), {
      pipeline: h.pipeline({
        config: { limits: { perJobUsd: 1, perDayUsd: 5 } },
        dailyBudgetUsd: () => 0.03,
      }),
    });
    expect(run.result).toMatchObject({
      kind: 'permanent',
      reason: "stopped at today's $5.00 limit ($0.03 of it was left for this job)",
    });
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-404')).toBeNull();
  }, 30_000);
});
