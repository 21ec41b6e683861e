/**
 * Agent benchmark (issue 9): the real Aider (from .venv-agents, scripts/install-agents.sh), run by
 * the worker's runAgent against the local model API — time from the job starting the agent to the
 * agent's first model request, with a fresh HOME every job (nothing kept: Aider fetches its model
 * metadata and writes its analytics and install files again) vs the persistent agent cache.
 * Median of 5 each, after one warm-up run that fills the cache. For comparison, no goal.
 *
 * Run alone: `npm run bench -- agents`.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { agentCacheDir } from '../src-main/engine/agent/agent-cache.ts';
import { runAgent } from '../src-main/engine/agent/run-agent.ts';
import { gitEnvironment } from '../src-main/engine/workspace/git.ts';
import { git } from '../test/support/git-remote.ts';
import { ModelApiFake } from '../test/support/model-api/model-api.ts';
import type { Bench, BenchResult } from './support/bench-result.ts';
import { median, round } from './support/stats.ts';

const ROUNDS = 5;
const AIDER = join(import.meta.dirname, '..', '.venv-agents', 'bin', 'aider');

export const run: Bench = async () => {
  if (!existsSync(AIDER))
    throw new Error(`Aider is not installed at ${AIDER}: run scripts/install-agents.sh`);
  // Outside /tmp, like a real data folder.
  const root = await mkdtemp(join(import.meta.dirname, 'tmp-agents-'));
  let firstRequestAt = 0;
  const api = await ModelApiFake.start(() => {
    firstRequestAt ||= performance.now();
    return { kind: 'text', text: 'Nothing to change.' };
  });
  try {
    const trial = async (name: string, cacheDir: string | null): Promise<number> => {
      const dir = await mkdtemp(join(root, `${name}-`));
      const repo = join(dir, 'repo');
      const jobDir = join(dir, 'job');
      await mkdir(jobDir, { recursive: true });
      await git(['init', '--quiet', '--initial-branch=main', repo], dir);
      await writeFile(join(repo, 'README.md'), '# bench\n');
      await git(['add', '--all'], repo);
      await git(['commit', '--quiet', '-m', 'init'], repo);
      const promptFile = join(jobDir, 'prompt.md');
      await writeFile(promptFile, 'Say hello.\n');
      firstRequestAt = 0;
      const started = performance.now();
      await runAgent({
        agent: { preset: 'aider', command: [AIDER], model: 'openai/gpt-4o', extraArgs: [] },
        repo: { gitDir: join(repo, '.git'), workTree: repo, env: gitEnvironment(process.env) },
        jobDir,
        promptFile,
        environment: {
          PATH: process.env.PATH,
          HOME: dir,
          OPENAI_API_KEY: 'sk-bench',
          OPENAI_API_BASE: `${api.url}/v1`,
        },
        identity: { name: 'Bench', email: 'bench@example.test' },
        signal: new AbortController().signal,
        maxMs: 300_000,
        idleMs: 120_000,
        cacheDir,
        onLine: () => undefined,
      });
      if (firstRequestAt === 0) throw new Error(`${name}: Aider made no model request`);
      return firstRequestAt - started;
    };
    const cache = agentCacheDir(join(root, 'data'));
    await trial('warm-up', cache);
    const fresh: number[] = [];
    const cached: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // Interleaved, so a busy moment on the shared machine hits both alike.
      fresh.push(await trial(`fresh-${i}`, null));
      cached.push(await trial(`cached-${i}`, cache));
    }
    const note = `median of ${ROUNDS}; fresh: ${fresh.map((v) => round(v, 0)).join(', ')}; cached: ${cached.map((v) => round(v, 0)).join(', ')}`;
    return [
      row('A1', 'real Aider, job start → first model request, fresh HOME', median(fresh), note),
      row('A2', 'real Aider, job start → first model request, agent cache', median(cached), note),
    ];
  } finally {
    await api.stop();
    await rm(root, { recursive: true, force: true });
  }
};

function row(id: string, name: string, ms: number, note: string): BenchResult {
  return { id, name, value: round(ms, 0), unit: 'ms', goal: null, pass: null, note };
}
