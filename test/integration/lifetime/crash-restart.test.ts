/**
 * A worker killed with SIGKILL in the middle of a job, restarted on the same data folder: what
 * its agent left running must not outlive the restart, and the new job's pull request must hold
 * only the new job's work. The worker is the real `codingworker run` in its own process.
 */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processesWith, startCliWorker, until } from '../../support/cli-worker.ts';
import { createGitRemotes, type GitRemotes } from '../../support/git-remote.ts';
import { GitHubFake } from '../../support/github-fake/github-fake.ts';
import { startLocalSqs, type LocalSqs } from '../../support/local-sqs.ts';
import { sampleTask } from '../../support/sample-task.ts';
import { sendBody } from '../worker/harness.ts';

const AGENT = fileURLToPath(new URL('../../fixtures/sandbox/crash-agent.mjs', import.meta.url));
const REPO = 'octo-org/hello-world';
const TOKEN = 'ghp_CrashTestToken0123456789abcdefghijABCDEF';

let sqs: LocalSqs;
let remotes: GitRemotes;
let fake: GitHubFake;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  sqs = await startLocalSqs();
  remotes = await createGitRemotes();
  await remotes.create(REPO);
  fake = await GitHubFake.start({
    token: TOKEN,
    branchExists: async (owner, repo, branch) =>
      (await remotes.branchSha(`${owner}/${repo}`, branch)) !== null,
  });
  fake.addRepo(REPO, { collaborators: { alice: 'admin' } });
});
afterAll(async () => {
  for (const worker of workers) worker.kill('SIGKILL');
  await fake.stop();
  await sqs.stop();
  await remotes.remove();
});

describe.skipIf(process.platform !== 'linux')('a worker killed mid-job and restarted', () => {
  it.each([
    ['in the OS sandbox', 'auto', 61],
    ['unconfined', 'off', 62],
  ])(
    'ends the old agent and its setsid grandchild (%s), and publishes only the new job’s work',
    { timeout: 120_000 },
    async (_name, sandbox, issue) => {
      const dataDir = await mkdtemp(join(tmpdir(), 'cw-crash-'));
      const { queueUrl } = await sqs.createQueuePair(`crash-${sandbox}`);
      const marker = String(800_000 + issue * 100 + Math.floor(Math.random() * 99));
      fake.addIssue(REPO, {
        number: issue,
        title: 'Fix the greeting',
        body: 'Please fix it.',
        labeledBy: 'alice',
      });
      const start = async (mode: 'old' | 'new') => {
        const worker = await startCliWorker({
          command: 'run',
          name: mode,
          dataDir,
          sqsEndpoint: sqs.endpoint,
          token: TOKEN,
          config: {
            queueUrl,
            repositories: [REPO],
            agent: { preset: 'custom', command: [process.execPath, AGENT, mode, marker], sandbox },
            github: { apiUrl: fake.url, serverUrl: remotes.serverUrl },
          },
        });
        workers.push(worker.child);
        return { worker: worker.child, output: worker.output };
      };
      const send = () =>
        sendBody(
          sqs,
          queueUrl,
          JSON.stringify(sampleTask({ repository: REPO, issue_number: issue, body: 'Please fix it.' })),
        );

      try {
        const first = await start('old');
        await send();
        const oldAgent = await until(
          'the old agent',
          () => processesWith(AGENT, 'old').length > 0,
          60_000,
        ).catch((error: Error) => {
          throw new Error(`${error.message}\n${first.output()}`);
        });
        expect(oldAgent).toBe(true);
        // `run` says at start whether the agent is confined.
        expect(first.output()).toContain(
          sandbox === 'off'
            ? 'status sandbox: the agent runs unconfined (agent.sandbox is "off")'
            : 'status sandbox: the agent runs in bubblewrap',
        );
        await until('a commit by the old agent', () => remotesCommitted(dataDir), 30_000);
        await until('the grandchild', () => processesWith('sleep', marker).length > 0, 10_000);
        first.worker.kill('SIGKILL');

        const second = await start('new');
        const restarted = Date.now();
        await until(
          'the old agent and its grandchild to end',
          () => processesWith(AGENT, 'old').length === 0 && processesWith('sleep', marker).length === 0,
          5_000,
        );
        expect(Date.now() - restarted).toBeLessThan(5_000);

        await send();
        const pull = await until(
          'the pull request',
          () => fake.pulls(REPO).find((p) => p.head === `ai-task/issue-${issue}`),
          60_000,
        ).catch((error: Error) => {
          throw new Error(`${error.message}\n${second.output()}`);
        });
        expect(fake.pulls(REPO).filter((p) => p.head === pull.head)).toHaveLength(1);
        const commits = await remotes.commitsAhead(REPO, pull.head);
        expect(commits).toEqual(['new agent']);
        await expect(remotes.readFile(REPO, pull.head, 'old-agent.txt')).rejects.toThrow();
        second.worker.kill('SIGTERM');
      } finally {
        for (const pid of [...processesWith(AGENT, 'old'), ...processesWith('sleep', marker)])
          process.kill(pid, 'SIGKILL');
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  );
});

/** Whether the old agent has committed in a worktree of the data folder yet. */
async function remotesCommitted(dataDir: string): Promise<boolean> {
  const pool = join(dataDir, 'worktrees', '.pool');
  for (const repo of readdirSync(pool, { withFileTypes: true }).filter((e) => e.isDirectory()))
    for (const tree of readdirSync(join(pool, repo.name)))
      try {
        if (readFileSync(join(pool, repo.name, tree, 'old-agent.txt'), 'utf8').length > 0) return true;
      } catch {
        // not yet
      }
  return false;
}
