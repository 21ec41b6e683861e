/**
 * The whole flow without AWS or GitHub: an embedded queue with its DLQ, a demo repository on disk,
 * the real worker and pipeline (with the sandbox's forge), and one sample issue sent the way the
 * producer sends it. The agent is Aider when installed, else the clearly labelled demo agent.
 */
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildWorkerApp, type BuiltWorkerApp } from '../app/build-worker-app.ts';
import { loadConfig } from '../config/load-config.ts';
import type { WorkerConfig } from '../config/worker-config.ts';
import { JsonFileStore } from '../ports/json-file-store.ts';
import type { Notifier } from '../ports/notifier.ts';
import { createPipeline } from '../pipeline/pipeline.ts';
import { sendTaskMessage } from '../queue/send-task-message.ts';
import { writeDemoAgent } from './demo-agent.ts';
import { createDemoRepository } from './demo-repository.ts';
import { LocalForge } from './local-forge.ts';
import { startLocalSqs, type LocalSqs } from './local-sqs.ts';

export const SANDBOX_REPOSITORY = 'sandbox/demo';

export interface Sandbox {
  readonly app: BuiltWorkerApp;
  readonly config: WorkerConfig;
  readonly sqs: LocalSqs;
  /** 'aider' when installed, else 'demo'. */
  readonly agent: 'aider' | 'demo';
  sendIssue(number: number, title: string, body: string): Promise<void>;
  stop(options?: { immediate?: boolean }): Promise<void>;
}

export async function startSandbox(options: {
  dataDir: string;
  env: Readonly<Record<string, string | undefined>>;
  notifier: Notifier;
}): Promise<Sandbox> {
  const remoteDir = join(options.dataDir, 'remotes');
  await mkdir(remoteDir, { recursive: true });
  await createDemoRepository(remoteDir, SANDBOX_REPOSITORY);
  const sqs = await startLocalSqs();
  const { queueUrl, dlqUrl } = await sqs.createQueuePair('codingworker-tasks');

  const aider = await hasProgram('aider', options.env);
  const agent = aider
    ? { preset: 'aider' as const }
    : { preset: 'custom' as const, command: [process.execPath, await writeDemoAgent(options.dataDir)] };
  const config = loadConfig({
    env: {},
    stored: {
      queueUrl,
      dlqUrl,
      dataDir: options.dataDir,
      repositories: [SANDBOX_REPOSITORY],
      agent,
      github: { serverUrl: `file://${remoteDir}` },
      retryBackoffSeconds: [5, 10, 15],
      shutdownGraceSeconds: 5,
    },
  });
  const forge = new LocalForge(remoteDir);
  const app = buildWorkerApp({
    config,
    env: options.env,
    store: new JsonFileStore(join(options.dataDir, 'state.json')),
    notifier: options.notifier,
    github: null,
    sqs: sqs.client,
    runJob: (ctx) => runJob(ctx),
  });
  const runJob = createPipeline({
    config,
    token: '',
    redactor: app.redactor,
    environment: options.env,
    forge,
  });
  await app.start();

  return {
    app,
    config,
    sqs,
    agent: aider ? 'aider' : 'demo',
    async sendIssue(number, title, body) {
      forge.addIssue(SANDBOX_REPOSITORY, number, { title, body });
      await sendTaskMessage(sqs.client, queueUrl, {
        issue_number: number,
        repository: SANDBOX_REPOSITORY,
        title,
        body,
        labels: ['ai-task'],
        created_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      });
    },
    async stop(stopOptions) {
      await app.stop(stopOptions);
      await sqs.stop();
    },
  };
}

async function hasProgram(
  program: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<boolean> {
  try {
    await promisify(execFile)(program, ['--version'], { env: { PATH: env.PATH ?? '' }, timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}
