// Work nobody wants any more: the assembled engine (fauxqs, bare repositories, the GitHub fake, the
// fixture agent) with a one-second heartbeat. Closing the issue, removing its label or closing the
// pull request while the agent runs stops the job within two heartbeats; nothing is pushed, and
// the message is deleted with the reason in history.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../../shared/job-record.ts';
import { buildWorkerApp } from '../../../src-main/engine/app/build-worker-app.ts';
import { loadConfig } from '../../../src-main/engine/config/load-config.ts';
import { JsonFileStore } from '../../../src-main/engine/adapters/json-file-store.ts';
import { getQueueCounts } from '../../../src-main/engine/queue/get-queue-counts.ts';
import { sendTaskMessage } from '../../../src-main/engine/queue/send-task-message.ts';
import { git } from '../../support/git-remote.ts';
import { sampleReview } from '../../support/sample-review.ts';
import { countSqsRequests } from '../../support/sqs-request-counter.ts';
import { useAppWorld } from './app-world.ts';

const REPO = 'octo/dropped';
const TOKEN = 'ghp_DropTestToken0123456789abcdefghijABCDE';
const FAKE_AIDER = fileURLToPath(new URL('../../fixtures/agent/fake-aider.mjs', import.meta.url));

const world = useAppWorld(REPO, (remotes) => ({
  token: TOKEN,
  branchExists: async (owner, repo, branch) => (await remotes.branchSha(`${owner}/${repo}`, branch)) !== null,
}));

let queues = 0;
async function startApp() {
  const { queueUrl, dlqUrl } = await world.sqs.createQueuePair(`dropped-${++queues}`, { maxReceiveCount: 3 });
  const dataDir = await mkdtemp(join(tmpdir(), 'cw-dropped-'));
  const config = loadConfig({
    env: {},
    stored: {
      queueUrl,
      dataDir,
      repositories: [REPO],
      waitTimeSeconds: 1,
      leaseSeconds: 30,
      heartbeatSeconds: 1,
      agent: { preset: 'aider', command: [process.execPath, FAKE_AIDER], model: 'gpt-4o' },
      github: { apiUrl: world.github.url, serverUrl: world.remotes.serverUrl },
    },
  });
  const counter = countSqsRequests(world.sqs.client);
  const app = buildWorkerApp({
    config,
    // The fixture agent calls no model; the key only satisfies the check before Aider starts.
    env: { PATH: process.env.PATH, HOME: dataDir, OPENAI_API_KEY: 'sk-fixture-key-never-used' },
    store: new JsonFileStore(join(dataDir, 'state.json')),
    notifier: { notify: () => undefined },
    github: { token: TOKEN, source: 'GITHUB_TOKEN' },
    sqs: world.sqs.client,
  });
  world.apps.push(app);
  await app.start();
  return { app, queueUrl, dlqUrl, counter };
}

async function eventually<T>(read: () => Promise<T> | T, ok: (value: T) => boolean, ms = 45_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the agent runs, drops the work upstream, and returns the job's history record. */
async function dropWhileRunning(
  started: Awaited<ReturnType<typeof startApp>>,
  drop: () => void,
): Promise<{ record: JobRecord; heartbeatsAfterDrop: number }> {
  const { app, counter } = started;
  await eventually(
    () => app.service.handlers.getSnapshot({}),
    (snapshot) => snapshot.jobs[0]?.phase === 'running-agent',
  );
  const heartbeatsBefore = counter.count('ChangeMessageVisibility');
  drop();
  // The job is told to stop (the snapshot says why) after at most two more heartbeats; it may then
  // take a few seconds to end its agent, with heartbeats keeping its lease meanwhile.
  await eventually(
    () => app.service.handlers.getSnapshot({}),
    (snapshot) => snapshot.jobs[0]?.stopping?.startsWith('no longer wanted') === true,
  );
  const heartbeatsAfterDrop = counter
    .inputs('ChangeMessageVisibility')
    .slice(heartbeatsBefore)
    .filter((input) => Number(input.VisibilityTimeout) > 0).length;
  counter.detach();
  const [record] = await eventually(
    () => app.service.handlers.listHistory({ limit: 10 }),
    (records) => records.length === 1,
  );
  return { record: record!, heartbeatsAfterDrop };
}

describe('stopping dropped work', () => {
  it('stops a job whose issue is closed while the agent runs, pushes nothing, and deletes the message', async () => {
    const started = await startApp();
    world.github.addIssue(REPO, {
      number: 31,
      title: 'Hang',
      body: 'Wait. [fake-aider:hang]',
      labeledBy: 'alice',
    });
    await sendTaskMessage(world.sqs.client, started.queueUrl, {
      issue_number: 31,
      repository: REPO,
      title: 'Hang',
      body: 'Wait. [fake-aider:hang]',
      labels: ['ai-task'],
      created_at: '2026-11-23T09:00:00Z',
    });

    const { record, heartbeatsAfterDrop } = await dropWhileRunning(started, () =>
      world.github.closeIssue(REPO, 31),
    );

    expect(record).toMatchObject({ outcome: 'cancelled-upstream', issue: { number: 31 } });
    expect(record.reason).toBe('no longer wanted: issue #31 was closed');
    expect(heartbeatsAfterDrop).toBeLessThanOrEqual(2);
    expect(await world.remotes.branchSha(REPO, 'ai-task/issue-31')).toBeNull();
    expect(world.github.pulls(REPO).filter((p) => p.head === 'ai-task/issue-31')).toEqual([]);
    const counts = await getQueueCounts(world.sqs.client, started.queueUrl);
    expect(counts.visible + counts.inFlight).toBe(0);
    expect(await started.app.service.handlers.listDlq({})).toEqual([]);
  }, 60_000);

  it('stops a job whose ai-task label is removed', async () => {
    const started = await startApp();
    world.github.addIssue(REPO, {
      number: 32,
      title: 'Hang',
      body: 'Wait. [fake-aider:hang]',
      labeledBy: 'alice',
    });
    await sendTaskMessage(world.sqs.client, started.queueUrl, {
      issue_number: 32,
      repository: REPO,
      title: 'Hang',
      body: 'Wait. [fake-aider:hang]',
      labels: ['ai-task'],
      created_at: '2026-11-23T09:00:00Z',
    });

    const { record } = await dropWhileRunning(started, () => world.github.removeLabel(REPO, 32, 'ai-task'));

    expect(record).toMatchObject({
      outcome: 'cancelled-upstream',
      reason: 'no longer wanted: the ai-task label was removed from issue #32',
    });
    expect(await world.remotes.branchSha(REPO, 'ai-task/issue-32')).toBeNull();
  }, 60_000);

  it('stops a review round whose pull request is closed, and pushes nothing on the branch', async () => {
    const started = await startApp();
    world.github.addIssue(REPO, {
      number: 33,
      title: 'Hang',
      body: 'Wait. [fake-aider:hang]',
      labeledBy: 'alice',
    });
    // The branch the first round pushed, and its pull request.
    const bare = world.remotes.path(REPO);
    await git(['branch', 'ai-task/issue-33', 'main'], bare);
    const pull = world.github.addPull(REPO, { head: 'ai-task/issue-33' });
    const comment = world.github.addPullComment(REPO, pull.number, 'alice', '/ai-task do more');
    const before = await world.remotes.branchSha(REPO, 'ai-task/issue-33');
    await sendTaskMessage(
      world.sqs.client,
      started.queueUrl,
      sampleReview({
        repository: REPO,
        issue_number: 33,
        pull_number: pull.number,
        comment_id: comment.id,
        body: comment.body,
        created_at: comment.createdAt,
      }),
    );

    const { record, heartbeatsAfterDrop } = await dropWhileRunning(started, () =>
      world.github.closePull(REPO, pull.number),
    );

    expect(record).toMatchObject({
      outcome: 'cancelled-upstream',
      reason: `no longer wanted: pull request #${pull.number} was closed`,
      review: { pullNumber: pull.number, round: 2 },
    });
    expect(heartbeatsAfterDrop).toBeLessThanOrEqual(2);
    expect(await world.remotes.branchSha(REPO, 'ai-task/issue-33')).toBe(before);
    expect(world.github.pullComments(REPO, pull.number).filter((c) => c.author === 'worker-bot')).toEqual([]);
  }, 60_000);
});
