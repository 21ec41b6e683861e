/**
 * Duplicates are not failures: `codingworker run` with concurrency 2 receives the same issue twice
 * while the first job works. The second delivery waits for the first and is deleted as a
 * duplicate — one pull request, one success comment, no failure comment, nothing in the DLQ.
 */
import { GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
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
const TOKEN = 'ghp_DuplicateToken0123456789abcdefghijABCDE';

let sqs: LocalSqs;
let remotes: GitRemotes;
let fake: GitHubFake;
let dataDir: string;
let worker: CliWorker | null = null;

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
  dataDir = await mkdtemp(join(tmpdir(), 'cw-dup-'));
});
afterAll(async () => {
  worker?.child.kill('SIGKILL');
  await fake.stop();
  await sqs.stop();
  await remotes.remove();
  await rm(dataDir, { recursive: true, force: true });
});

describe('two deliveries of one issue on one worker', () => {
  it(
    'open one pull request with one success comment, and leave nothing in the DLQ',
    { timeout: 120_000 },
    async () => {
      const { queueUrl, dlqUrl } = await sqs.createQueuePair('duplicates', { maxReceiveCount: 2 });
      fake.addIssue(REPO, {
        number: 81,
        title: 'Fix the greeting',
        body: 'Please fix it.',
        labeledBy: 'alice',
      });
      const body = JSON.stringify(sampleTask({ repository: REPO, issue_number: 81, body: 'Please fix it.' }));
      await sendBody(sqs, queueUrl, body);
      await sendBody(sqs, queueUrl, body);
      worker = await startCliWorker({
        command: 'run',
        dataDir,
        sqsEndpoint: sqs.endpoint,
        token: TOKEN,
        config: {
          queueUrl,
          dlqUrl,
          concurrency: 2,
          retryBackoffSeconds: [1],
          repositories: [REPO],
          agent: { preset: 'custom', command: [process.execPath, AGENT, 'slow', '3000'] },
          github: { apiUrl: fake.url, serverUrl: remotes.serverUrl },
        },
      });
      const output = () => worker!.output();

      await until(
        'both deliveries to be taken',
        () => (output().match(/received message/g) ?? []).length >= 2,
        60_000,
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n${output()}`);
      });
      await until('the queue to be empty', async () => (await counts(queueUrl)) === 0, 60_000).catch(
        (error: Error) => {
          throw new Error(`${error.message}\n${output()}`);
        },
      );

      expect(fake.pulls(REPO).filter((p) => p.head === 'ai-task/issue-81')).toHaveLength(1);
      const comments = fake.comments(REPO, 81).map((c) => c.body);
      expect(comments.filter((c) => c.includes('opened pull request'))).toHaveLength(1);
      expect(comments.filter((c) => /could not finish/i.test(c))).toEqual([]);
      expect(comments).toHaveLength(1);
      const dlq = await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, WaitTimeSeconds: 1 }));
      expect(dlq.Messages ?? []).toEqual([]);
    },
  );
});

/** Visible plus in-flight messages on a queue. */
async function counts(queueUrl: string): Promise<number> {
  const { Attributes = {} } = await sqs.client.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible)
  );
}
