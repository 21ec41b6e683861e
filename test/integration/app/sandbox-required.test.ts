// agent.sandbox "required" on a machine with no usable sandbox (issue #10): the assembled worker
// takes no message at all — held like a pause with its own reason, which a resume does not lift —
// so nothing is received, retried, sent to the DLQ or commented. Changing the setting lifts it.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../../shared/bridge.ts';
import { buildWorkerApp, type BuiltWorkerApp } from '../../../src-main/engine/app/build-worker-app.ts';
import { loadConfig } from '../../../src-main/engine/config/load-config.ts';
import { JsonFileStore } from '../../../src-main/engine/adapters/json-file-store.ts';
import { getQueueCounts } from '../../../src-main/engine/queue/get-queue-counts.ts';
import { sendTaskMessage } from '../../../src-main/engine/queue/send-task-message.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../src-main/engine/sandbox/local-sqs.ts';
import { countSqsRequests } from '../../support/sqs-request-counter.ts';
import { useAppWorld } from './app-world.ts';
import { untilAsync } from '../../support/until.ts';

const REPO = 'octo/held';
const TOKEN = 'ghp_HeldTestToken0123456789abcdefghijABCDEF';
const FAKE_AIDER = fileURLToPath(new URL('../../fixtures/agent/fake-aider.mjs', import.meta.url));
const NO_SANDBOX = async () => ({ kind: 'none', reason: 'bubblewrap (bwrap) is not installed' }) as const;

const world = useAppWorld(REPO, { token: TOKEN });

function startApp(options: {
  queueUrl: string;
  dataDir: string;
  sandbox: 'required' | 'off';
  client: SQSClient;
}): BuiltWorkerApp {
  const config = loadConfig({
    env: {},
    stored: {
      queueUrl: options.queueUrl,
      dataDir: options.dataDir,
      repositories: [REPO],
      waitTimeSeconds: 1,
      retryBackoffSeconds: [0],
      agent: { preset: 'aider', command: [process.execPath, FAKE_AIDER], sandbox: options.sandbox },
      github: { apiUrl: world.github.url, serverUrl: world.remotes.serverUrl },
    },
  });
  const app = buildWorkerApp({
    config,
    env: {
      PATH: process.env.PATH,
      HOME: options.dataDir,
      OPENAI_API_KEY: 'sk-placeholder-for-the-fixture-agent',
    },
    store: new JsonFileStore(join(options.dataDir, 'state.json')),
    notifier: { notify: () => undefined },
    github: { token: TOKEN, source: 'GITHUB_TOKEN' },
    sqs: options.client,
    detectSandbox: NO_SANDBOX,
  });
  world.apps.push(app);
  return app;
}

describe('agent.sandbox "required" without a sandbox', () => {
  it('takes no message: it sits on the queue unreceived, no DLQ entry, no comment; resume does not lift it; the setting does', async () => {
    const { queueUrl, dlqUrl } = await world.sqs.createQueuePair('held', { maxReceiveCount: 3 });
    const dataDir = await mkdtemp(join(tmpdir(), 'cw-held-'));
    world.github.addIssue(REPO, {
      number: 7,
      title: 'Issue 7',
      body: '[fake-aider:edit-commit]',
      labeledBy: 'alice',
    });
    await sendTaskMessage(world.sqs.client, queueUrl, {
      issue_number: 7,
      repository: REPO,
      title: 'Issue 7',
      body: '[fake-aider:edit-commit]',
      labels: ['ai-task'],
      created_at: '2026-12-08T01:00:00Z',
    });

    const client = new SQSClient({
      endpoint: world.sqs.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const requests = countSqsRequests(client);
    const held = startApp({ queueUrl, dataDir, sandbox: 'required', client });
    await held.start();

    const snapshot = await held.service.handlers.getSnapshot({});
    expect(snapshot.pause).toMatchObject({ paused: true, reason: 'sandbox-required' });
    expect(snapshot.confinement).toEqual({ kind: 'refused', reason: 'bubblewrap (bwrap) is not installed' });
    // The user's resume (window, tray, bridge) is refused while the setting stays "required".
    await expect(held.service.handlers.resume({})).rejects.toThrow(BridgeError);
    await expect(held.service.handlers.resume({})).rejects.toThrow(/agent\.sandbox is "required"/);
    // Nor can a pause of another kind replace the hold, to be resumed after.
    const repaused = await held.service.handlers.pause({ mode: 'after-current', until: null });
    expect(repaused.pause.reason).toBe('sandbox-required');
    held.pause({ mode: 'after-current', until: null, reason: 'battery' });
    await expect(held.service.handlers.resume({})).rejects.toThrow(BridgeError);
    // A full round trip to the queue after start: the worker has had every chance to poll.
    const stats = await held.service.handlers.refreshStats({});
    expect(stats.pause.reason).toBe('sandbox-required');
    expect(requests.count('ReceiveMessage')).toBe(0);
    await held.stop();

    // The message was never received: the first receive of it is this one.
    const peek = await world.sqs.client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 1,
        VisibilityTimeout: 0,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    expect(peek.Messages).toHaveLength(1);
    expect(peek.Messages![0]!.Attributes?.ApproximateReceiveCount).toBe('1');
    expect((await getQueueCounts(world.sqs.client, dlqUrl)).visible).toBe(0);
    expect(world.github.comments(REPO, 7)).toEqual([]);
    expect(world.github.pulls(REPO)).toEqual([]);

    // The setting changed (here to "off"): the next start on the same data folder lifts the hold
    // it left, and the job runs (unconfined, as the status says).
    const lifted = startApp({ queueUrl, dataDir, sandbox: 'off', client });
    await lifted.start();
    const after = await lifted.service.handlers.getSnapshot({});
    expect(after.pause.paused).toBe(false);
    expect(after.confinement).toEqual({ kind: 'unconfined', reason: 'agent.sandbox is "off"' });
    const [record] = await untilAsync(async () => {
      const records = await lifted.service.handlers.listHistory({ limit: 10 });
      return records.length === 1 && records;
    }, 45_000);
    expect(record).toMatchObject({ outcome: 'succeeded', issue: { number: 7 } });
    expect(world.github.pulls(REPO)).toHaveLength(1);
  }, 90_000);
});
