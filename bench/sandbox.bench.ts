/**
 * P10: job start → agent start, in the OS sandbox and unconfined (median of 10 each). Measured
 * from the call to runAgent (home, hidden repository config, sandbox policy, proxy, bubblewrap or
 * Seatbelt, spawn) to the agent's first output line, with a custom agent that prints at once.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workerConfigSchema } from '../src-main/engine/config/worker-config.ts';
import { runAgent, type AgentConfinement } from '../src-main/engine/agent/run-agent.ts';
import { agentSandboxPolicy } from '../src-main/engine/agent/sandbox/agent-policy.ts';
import { describeSandbox, detectSandbox } from '../src-main/engine/agent/sandbox/detect.ts';
import type { Bench, BenchResult } from './support/bench-result.ts';
import { median } from './support/stats.ts';

const RUNS = 10;

export const run: Bench = async () => {
  const support = await detectSandbox();
  const root = await mkdtemp(join(tmpdir(), 'cw-bench-sandbox-'));
  try {
    const dataDir = join(root, 'data');
    const worktree = join(dataDir, 'worktrees', 'w');
    await mkdir(worktree, { recursive: true });
    execFileSync('git', ['init', '--quiet', worktree]);
    const agent = workerConfigSchema.parse({
      queueUrl: 'http://127.0.0.1:9324/000000000000/bench',
      dataDir,
      agent: { preset: 'custom', command: [process.execPath, '-e', 'console.log("agent started")'] },
    }).agent;
    const environment = { PATH: process.env.PATH, HOME: root, OPENAI_API_BASE: 'http://127.0.0.1:9/v1' };

    const once = async (i: number, confined: boolean): Promise<number> => {
      const jobDir = join(dataDir, 'jobs', `${confined ? 'c' : 'u'}${i}`);
      await mkdir(jobDir, { recursive: true });
      const promptFile = join(jobDir, 'prompt.md');
      await writeFile(promptFile, 'bench\n');
      const started = performance.now();
      let firstLine = Number.NaN;
      const confinement: AgentConfinement | undefined =
        confined && support.kind !== 'none'
          ? {
              support,
              policy: agentSandboxPolicy({
                agent,
                dataDir,
                worktree,
                cloneDir: join(worktree, '.git'),
                worktreeGitDir: join(worktree, '.git'),
                jobDir,
                agentCache: null,
                environment,
              }),
            }
          : undefined;
      await runAgent({
        agent,
        repo: {
          gitDir: join(worktree, '.git'),
          workTree: worktree,
          env: { PATH: process.env.PATH ?? '' },
        } as never,
        jobDir,
        promptFile,
        environment,
        identity: { name: 'bench', email: 'bench@example.com' },
        signal: new AbortController().signal,
        maxMs: 30_000,
        idleMs: 30_000,
        confinement,
        onLine: (_stream, text) => {
          if (text === 'agent started' && Number.isNaN(firstLine)) firstLine = performance.now() - started;
        },
      });
      return firstLine;
    };

    const unconfined: number[] = [];
    const confined: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      unconfined.push(await once(i, false));
      if (support.kind !== 'none') confined.push(await once(i, true));
    }
    const results: BenchResult[] = [
      {
        id: 'P10',
        name: 'job start → agent start, unconfined (median of 10)',
        value: median(unconfined),
        unit: 'ms',
        goal: null,
        pass: null,
      },
      {
        id: 'P10',
        name: 'job start → agent start, in the OS sandbox (median of 10)',
        value: support.kind === 'none' ? Number.NaN : median(confined),
        unit: 'ms',
        goal: null,
        pass: null,
        note: describeSandbox(support),
      },
    ];
    for (const r of results) console.log(`${r.name}: ${r.value.toFixed(1)} ms`);
    return results;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
};
