/**
 * Two workers (two `codingworker run` processes with their own data folders) each receive a copy
 * of the same issue and push the very same commit. One opens the pull request and announces it;
 * the other only finds it, and must not announce it again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliWorker, until, type CliWorker } from '../../support/cli-worker.ts';
import { createGitRemotes, type GitRemotes } from '../../support/git-remote.ts';
import { GitHubFake } from '../../support/github-fake/github-fake.ts';
import { startLocalSqs, type LocalSqs } from '../../support/local-sqs.ts';
import { sampleTask } from '../../support/sample-task.ts';
import { sendBody } from '../worker/harness.ts';

const AGENT = fileURLToPath(new URL('../../fixtures/sandbox/crash-agent.mjs', import.meta.url));
const REPO = 'octo-org/hello-world';
const TOKEN = 'ghp_TwoWorkersToken0123456789abcdefghijABCD';

let sqs: LocalSqs;
let remotes: GitRemotes;
let fake: GitHubFake;
const dirs: string[] = [];
const workers: CliWorker[] = [];

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
  for (const worker of workers) worker.child.kill('SIGKILL');
  await fake.stop();
  await sqs.stop();
  await remotes.remove();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('two workers that push the same commit', () => {
  it('post one "opened a pull request" comment between them', { timeout: 120_000 }, async () => {
    // A queue each, so each worker surely gets its copy (on one queue either could take both).
    const queues = [await sqs.createQueuePair('two-workers-1'), await sqs.createQueuePair('two-workers-2')];
    fake.addIssue(REPO, {
      number: 95,
      title: 'Fix the greeting',
      body: 'Please fix it.',
      labeledBy: 'alice',
    });
    // The second worker's agent takes longer, so the first has opened and announced the pull
    // request by the time the second publishes the same commit.
    for (const [index, name, ms] of [
      [0, 'first', '1500'],
      [1, 'second', '6000'],
    ] as const) {
      const { queueUrl, dlqUrl } = queues[index]!;
      const dataDir = await mkdtemp(join(tmpdir(), `cw-two-${name}-`));
      dirs.push(dataDir);
      workers.push(
        await startCliWorker({
          command: 'run',
          dataDir,
          sqsEndpoint: sqs.endpoint,
          token: TOKEN,
          config: {
            queueUrl,
            dlqUrl,
            repositories: [REPO],
            agent: { preset: 'custom', command: [process.execPath, AGENT, 'slow', ms] },
            github: { apiUrl: fake.url, serverUrl: remotes.serverUrl },
          },
        }),
      );
    }
    await until(
      'both workers to poll',
      () => workers.every((w) => w.output().includes('status sandbox:')),
      60_000,
    );
    const body = JSON.stringify(sampleTask({ repository: REPO, issue_number: 95, body: 'Please fix it.' }));
    for (const { queueUrl } of queues) await sendBody(sqs, queueUrl, body);
    const output = () => workers.map((w, i) => `--- worker ${i + 1}\n${w.output()}`).join('\n');
    await until(
      'both workers to take a copy',
      () => workers.every((w) => w.output().includes('received message')),
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${output()}`);
    });
    await until('both jobs to end', () => workers.every((w) => / done /.test(w.output())), 90_000).catch(
      (error: Error) => {
        throw new Error(`${error.message}\n${output()}`);
      },
    );

    expect(fake.pulls(REPO).filter((p) => p.head === 'ai-task/issue-95')).toHaveLength(1);
    const announced = fake.comments(REPO, 95).filter((c) => c.body.includes('opened pull request'));
    expect(announced, output()).toHaveLength(1);
    // The second really published the same commit and found the pull request, rather than
    // stopping early as a duplicate.
    expect(workers[1]!.output()).toMatch(/Found pull request #\d+/);
    expect(workers[1]!.output()).toContain("already has the worker's comment for pull request");
  });
});
