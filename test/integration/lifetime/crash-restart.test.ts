/**
 * A worker killed with SIGKILL in the middle of a job, restarted on the same data folder: what
 * its agent left running must not outlive the restart, and the new job's pull request must hold
 * only the new job's work. The worker is the real `codingworker run` in its own process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../../src-main/engine/sandbox/local-sqs.ts';
import { createGitRemotes, type GitRemotes } from '../../support/git-remote.ts';
import { GitHubFake } from '../../support/github-fake/github-fake.ts';
import { startLocalSqs, type LocalSqs } from '../../support/local-sqs.ts';
import { sampleTask } from '../../support/sample-task.ts';
import { sendBody } from '../worker/harness.ts';

const CLI = fileURLToPath(new URL('../../../src-main/cli.ts', import.meta.url));
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

/** Host pids whose command line has all of `parts` (zombies excluded). */
function processesWith(...parts: string[]): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const state = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.[0];
      if (state !== 'Z' && parts.every((part) => cmdline.includes(part))) found.push(Number(entry));
    } catch {
      // gone
    }
  }
  return found;
}

async function until<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  ms: number,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

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
        const config = join(dataDir, `config-${mode}.json`);
        await writeFile(
          config,
          JSON.stringify({
            queueUrl,
            dataDir,
            repositories: [REPO],
            waitTimeSeconds: 1,
            agent: { preset: 'custom', command: [process.execPath, AGENT, mode, marker], sandbox },
            github: { apiUrl: fake.url, serverUrl: remotes.serverUrl },
          }),
        );
        const worker = spawn(process.execPath, [CLI, 'run', '--config', config], {
          env: {
            PATH: process.env.PATH ?? '/usr/bin:/bin',
            HOME: dataDir,
            GITHUB_TOKEN: TOKEN,
            AWS_ENDPOINT_URL_SQS: sqs.endpoint,
            AWS_REGION: 'us-east-1',
            AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
            AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        workers.push(worker);
        let output = '';
        worker.stdout!.on('data', (chunk) => (output += chunk));
        worker.stderr!.on('data', (chunk) => (output += chunk));
        return { worker, output: () => output };
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
