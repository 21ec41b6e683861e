/**
 * When the agent fails or must be stopped: no changes, model errors, crashes, hangs, the job time
 * limit, a lost lease and a cancellation; what is retried, what is said on the issue, what is
 * left behind.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processesInGroup } from '../../../src-main/engine/agent/process-group.ts';
import { REPO, stop, usePipelineHarness } from './pipeline-harness.ts';

describe('the job pipeline when the agent fails or is stopped', () => {
  const h = usePipelineHarness();

  it('reports "no changes" as a permanent failure and explains it on the issue with the worker’s steps', async () => {
    const run = await h.run(h.issue(9, 'nothing'));
    expect(run.result).toMatchObject({ kind: 'permanent', reason: 'the agent made no changes' });
    const [comment] = h.fake.comments(REPO, 9);
    expect(comment!.body).toContain('could not finish this issue: `the agent made no changes`');
    expect(comment!.body).toMatch(/```text\n[\s\S]*Agent ended with code 0[\s\S]*\n```/);
    // The agent's own output stays on the worker.
    expect(comment!.body).not.toContain('nothing to change');
    expect(comment!.body).toContain(`job \`${run.jobId}\``);
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-9')).toBeNull();
    const [record] = await h.journal.list(1);
    expect(record).toMatchObject({ outcome: 'quarantined', reason: 'the agent made no changes' });
  });

  it('treats an LLM error after which Aider exits 0 as a failure to retry, and pushes nothing', async () => {
    const run = await h.run(h.issue(10, 'llm-error'));
    expect(run.result.kind).toBe('retry');
    expect(run.result.kind === 'retry' && run.result.reason).toContain(
      'the model call failed: litellm.APIConnectionError',
    );
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-10')).toBeNull();
    expect(h.fake.comments(REPO, 10)).toHaveLength(0);
  });

  it('retries after the agent crashes, and says so on the issue on the last attempt', async () => {
    const message = h.issue(11, 'crash');
    const first = await h.run(message);
    expect(first.result).toMatchObject({ kind: 'retry', reason: 'the agent exited with code 1' });
    expect(h.fake.comments(REPO, 11)).toHaveLength(0);

    const last = await h.run(message, { isLastAttempt: true, receiveCount: 3 });
    expect(last.result.kind).toBe('retry');
    const [comment] = h.fake.comments(REPO, 11);
    expect(comment!.body).toContain('the agent exited with code 1');
    // Neither the agent's output nor local paths reach the public comment.
    expect(comment!.body).not.toContain('RuntimeError: simulated crash');
    expect(comment!.body).not.toContain(h.dataDir);
    expect(comment!.body).not.toContain(h.home);
    expect(comment!.body).toContain('<data folder>/worktrees/');
    // Failed worktrees are kept for inspection.
    expect(existsSync(join(h.dataDir, 'worktrees', last.jobId))).toBe(true);
  });

  it('stops a hung agent and everything it started, and retries', async () => {
    let agentPid = 0;
    let grandchildPid = 0;
    const run = await h.run(h.issue(12, 'hang'), {
      // Unconfined: the pids the agent prints must be the host's (inside the OS sandbox's PID
      // namespace they are not). The sandbox's own kill is tested in test/integration/agent/confine.test.ts.
      pipeline: h.pipeline({
        config: { agent: { sandbox: 'off' } },
        limits: { idleOutputMs: 1000, killGraceMs: 300 },
      }),
      onLine: (_stream, text) => {
        const agent = /^agent (\d+)$/.exec(text);
        const grandchild = /^grandchild (\d+)$/.exec(text);
        if (agent) agentPid = Number(agent[1]);
        if (grandchild) grandchildPid = Number(grandchild[1]);
      },
    });
    expect(run.result.kind).toBe('retry');
    expect(run.result.kind === 'retry' && run.result.reason).toContain('printed nothing for 1 s');
    expect(agentPid).toBeGreaterThan(0);
    expect(grandchildPid).toBeGreaterThan(0);
    expect(processesInGroup(agentPid)).toEqual([]);
    expect(isAlive(grandchildPid)).toBe(false);
  });

  it('stops at the job time limit even while the agent keeps talking', async () => {
    const run = await h.run(h.issue(13, 'busy'), {
      pipeline: h.pipeline({ limits: { maxJobMs: 1500, killGraceMs: 200 } }),
    });
    expect(run.result.kind === 'retry' && run.result.reason).toContain('ran longer than 2 s');
  });

  it('pushes nothing and opens nothing when the lease is lost mid-run', async () => {
    const { controller, reason } = stop('lease-lost', 'the lease could not be extended');
    const run = await h.run(h.issue(14, 'slow:50'), {
      signal: controller.signal,
      onLine: (_stream, text) => {
        if (text === 'working 3') controller.abort(reason);
      },
    });
    expect(run.result).toMatchObject({
      kind: 'retry',
      reason: 'stopped before finishing: the lease could not be extended',
    });
    expect(run.lines).not.toContain('working 10');
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-14')).toBeNull();
    expect(h.fake.pulls(REPO).some((p) => p.head === 'ai-task/issue-14')).toBe(false);
    expect(h.fake.comments(REPO, 14)).toHaveLength(0);
  });

  it('does nothing at all for a job cancelled before it starts', async () => {
    const { controller, reason } = stop('cancelled', 'cancelled by the user');
    controller.abort(reason);
    const before = h.fake.requests.length;
    const run = await h.run(h.issue(24, 'edit-commit'), { signal: controller.signal });
    expect(run.result).toMatchObject({
      kind: 'retry',
      reason: 'stopped before finishing: cancelled by the user',
    });
    expect(h.fake.requests.length).toBe(before);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return !/\) [ZX] /.test(stat);
}
