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
import { JsonFileStore } from '../adapters/json-file-store.ts';
import type { Notifier } from '../ports/notifier.ts';
import { createPipeline } from '../pipeline/pipeline.ts';
import { sendTaskMessage } from '../queue/send-task-message.ts';
import { agentCacheDir } from '../agent/agent-cache.ts';
import { writeDemoAgent } from './demo-agent.ts';
import { sandboxDoctorChecks } from './sandbox-doctor.ts';
import { createDemoRepository } from './demo-repository.ts';
import { LocalForge } from './local-forge.ts';
import { startLocalSqs, type LocalSqs } from './local-sqs.ts';

export const SANDBOX_REPOSITORY = 'sandbox/demo';

/** The sample issues "Send a sample issue" files, in turn. */
const SAMPLES: ReadonlyArray<{ readonly title: string; readonly body: string }> = [
  { title: 'Add a friendly greeting to the README', body: 'Say hello to people who open the README.' },
  { title: 'Mention how to run the demo', body: 'Tell readers which command starts the demo.' },
  { title: 'Thank the contributors', body: 'Add a short thank-you line for contributors.' },
];

export interface Sandbox {
  readonly app: BuiltWorkerApp;
  readonly config: WorkerConfig;
  readonly sqs: LocalSqs;
  /** 'aider' when installed, else 'demo'. */
  readonly agent: 'aider' | 'demo';
  sendIssue(number: number, title: string, body: string): Promise<void>;
  /** Files the next sample issue (#1, #2, …) and sends its task; what the UI's button does. */
  sendSample(): Promise<{ readonly issueNumber: number }>;
  stop(options?: { immediate?: boolean }): Promise<void>;
}

export async function startSandbox(options: {
  dataDir: string;
  env: Readonly<Record<string, string | undefined>>;
  notifier: Notifier;
  /** How long the demo agent works (default DEMO_AGENT_SECONDS); tests shorten it. */
  demoAgentSeconds?: number;
}): Promise<Sandbox> {
  const remoteDir = join(options.dataDir, 'remotes');
  await mkdir(remoteDir, { recursive: true });
  await createDemoRepository(remoteDir, SANDBOX_REPOSITORY);
  const sqs = await startLocalSqs();
  const { queueUrl, dlqUrl } = await sqs.createQueuePair('codingworker-tasks');

  const aider = await hasProgram('aider', options.env);
  const agent = aider
    ? { preset: 'aider' as const }
    : {
        preset: 'custom' as const,
        // In the agent cache: the one folder of the data folder the agent's OS sandbox (bubblewrap,
        // Seatbelt) leaves visible to every job; /tmp and the rest of the data folder are hidden.
        command: [
          process.execPath,
          await writeDemoAgent(agentCacheDir(options.dataDir), options.demoAgentSeconds),
        ],
      };
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
  let nextSample = 1;
  const sendIssue = async (number: number, title: string, body: string) => {
    forge.addIssue(SANDBOX_REPOSITORY, number, { title, body });
    nextSample = Math.max(nextSample, number + 1);
    await sendTaskMessage(sqs.client, queueUrl, {
      issue_number: number,
      repository: SANDBOX_REPOSITORY,
      title,
      body,
      labels: ['ai-task'],
      created_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
  };
  const sendSample = async () => {
    const issueNumber = nextSample;
    const sample = SAMPLES[(issueNumber - 1) % SAMPLES.length]!;
    await sendIssue(issueNumber, sample.title, sample.body);
    return { issueNumber };
  };
  const app = buildWorkerApp({
    config,
    env: options.env,
    store: new JsonFileStore(join(options.dataDir, 'state.json')),
    notifier: options.notifier,
    github: null,
    sqs: sqs.client,
    runJob: (ctx) => runJob(ctx),
    sampleIssues: { send: sendSample },
    // Issues and branches live on this machine: no links to github.com, or anywhere.
    githubServerUrl: config.github.serverUrl,
    doctorChecks: sandboxDoctorChecks({
      endpoint: sqs.endpoint,
      demoRepository: join(remoteDir, `${SANDBOX_REPOSITORY}.git`),
      agent: aider ? 'aider' : 'demo',
    }),
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
    sendIssue,
    sendSample,
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
