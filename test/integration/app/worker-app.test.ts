// The assembled engine (buildWorkerApp: consumer + pipeline + journal + DLQ operations) against
// fauxqs, bare git repositories, the GitHub fake and the fixture agent: what happens to a message.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Notice } from '../../../shared/notice.ts';
import { buildWorkerApp } from '../../../src-main/engine/app/build-worker-app.ts';
import { loadConfig } from '../../../src-main/engine/config/load-config.ts';
import { JsonFileStore } from '../../../src-main/engine/adapters/json-file-store.ts';
import { getQueueCounts } from '../../../src-main/engine/queue/get-queue-counts.ts';
import { sendTaskMessage } from '../../../src-main/engine/queue/send-task-message.ts';
import { useAppWorld } from './app-world.ts';
import { until, untilAsync } from '../../support/until.ts';

const REPO = 'octo/app';
const TOKEN = 'ghp_AppTestToken0123456789abcdefghijABCDEF';
const FAKE_AIDER = fileURLToPath(new URL('../../fixtures/agent/fake-aider.mjs', import.meta.url));

const world = useAppWorld(REPO, { token: TOKEN });

let queues = 0;
async function startApp() {
  const { queueUrl, dlqUrl } = await world.sqs.createQueuePair(`app-${++queues}`, { maxReceiveCount: 3 });
  const dataDir = await mkdtemp(join(tmpdir(), 'cw-app-'));
  const config = loadConfig({
    env: {},
    stored: {
      queueUrl,
      dataDir,
      repositories: [REPO],
      waitTimeSeconds: 1,
      retryBackoffSeconds: [0],
      agent: { preset: 'aider', command: [process.execPath, FAKE_AIDER] },
      github: { apiUrl: world.github.url, serverUrl: world.remotes.serverUrl },
    },
  });
  const notices: Notice[] = [];
  const app = buildWorkerApp({
    config,
    // The fixture agent needs no key, but the preflight wants one for aider: a placeholder.
    env: { PATH: process.env.PATH, HOME: dataDir, OPENAI_API_KEY: 'sk-placeholder-for-the-fixture-agent' },
    store: new JsonFileStore(join(dataDir, 'state.json')),
    notifier: { notify: (notice) => notices.push(notice) },
    github: { token: TOKEN, source: 'GITHUB_TOKEN' },
    sqs: world.sqs.client,
  });
  world.apps.push(app);
  await app.start();
  const send = (number: number, body: string) => {
    world.github.addIssue(REPO, { number, title: `Issue ${number}`, body, labeledBy: 'alice' });
    return sendTaskMessage(world.sqs.client, queueUrl, {
      issue_number: number,
      repository: REPO,
      title: `Issue ${number}`,
      body,
      labels: ['ai-task'],
      created_at: '2026-11-23T09:00:00Z',
    });
  };
  return { app, queueUrl, dlqUrl, send, notices };
}

describe('the assembled worker', () => {
  it('turns a message into a pushed branch and a pull request, deletes it, and records tokens and cost', async () => {
    const { app, queueUrl, send, notices } = await startApp();
    await send(11, 'Please fix. [fake-aider:edit-commit]');

    const [record] = await untilAsync(async () => {
      const records = await app.service.handlers.listHistory({ limit: 10 });
      return records.length === 1 && records;
    }, 45_000);
    expect(record).toMatchObject({ outcome: 'succeeded', issue: { repository: REPO, number: 11 } });
    expect(record!.usage?.costUsd).toBeGreaterThan(0);
    expect(record!.prUrl).toBe(world.github.pulls(REPO)[0]!.url);
    expect(world.github.pulls(REPO)[0]!.body).toContain('Fixes #11');
    expect(world.github.comments(REPO, 11).some((c) => c.body.includes(record!.prUrl!))).toBe(true);
    expect(await world.remotes.commitsAhead(REPO, 'ai-task/issue-11')).not.toEqual([]);
    expect(notices).toContainEqual(expect.objectContaining({ kind: 'pr-opened', url: record!.prUrl }));
    const counts = await getQueueCounts(world.sqs.client, queueUrl);
    expect(counts.visible + counts.inFlight).toBe(0);

    const log = await app.service.handlers.getJobLog({ jobId: record!.jobId, from: 1, limit: 1000 });
    expect(log.lines.map((line) => line.text).join('\n')).toContain('Tokens:');
    expect(log.lines.map((line) => line.text).join('\n')).not.toContain(TOKEN);
  });

  it('retries a crashing agent and moves the task to the DLQ with the reason after three receives', async () => {
    const { app, queueUrl, send } = await startApp();
    await send(12, '[fake-aider:crash]');

    const items = await untilAsync(async () => {
      const list = await app.service.handlers.listDlq({});
      return list.length === 1 && list;
    }, 45_000);
    expect(items[0]).toMatchObject({ issue: { number: 12 } });
    expect(items[0]!.reason).toMatch(/gave up after 3 attempts/);
    const records = await app.service.handlers.listHistory({ limit: 10 });
    expect(records.map((r) => r.outcome)).toEqual(['failed', 'retrying', 'retrying']);
    const counts = await getQueueCounts(world.sqs.client, queueUrl);
    expect(counts.visible + counts.inFlight).toBe(0);

    // Send it back: it is on the task queue again and out of the DLQ.
    app.pause({ mode: 'after-current', until: null, reason: 'user' });
    await expect(
      app.service.handlers.redriveDlqItem({ messageId: items[0]!.messageId }),
    ).resolves.toMatchObject({
      moved: 1,
    });
    expect(await app.service.handlers.listDlq({})).toEqual([]);
  });

  it('refuses the sandbox-only "send a sample issue", and publishes how each job ended', async () => {
    const { app, send } = await startApp();
    const ended: string[] = [];
    app.service.subscribe((event) => {
      if (event.event === 'jobEnded') ended.push(`${event.payload.issue?.number} ${event.payload.outcome}`);
    });
    await expect(app.service.handlers.sendSampleIssue({})).rejects.toMatchObject({
      name: 'BridgeError',
      code: 'unavailable',
      message: expect.stringContaining('only `codingworker sandbox` sends sample issues'),
    });
    expect((await app.service.handlers.getSnapshot({})).sandbox).toBeUndefined();

    await send(21, 'Please fix. [fake-aider:edit-commit]');
    await until(() => ended.length === 1, 45_000);
    expect(ended).toEqual(['21 succeeded']);
  });
});
