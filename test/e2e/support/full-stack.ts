/**
 * Everything the real worker talks to, on this machine: an SQS emulator (fauxqs), bare git
 * repositories reached through GITHUB_SERVER_URL=file://…, the GitHub API fake that checks every
 * request against GitHub's OpenAPI description, and the fixture agent — then `codingworker serve`
 * started as a user would, configured only through its documented config file and environment.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentCacheDir } from '../../../src-main/engine/agent/agent-cache.ts';
import { sendTaskMessage } from '../../../src-main/engine/queue/send-task-message.ts';
import {
  LOCAL_CREDENTIALS,
  startLocalSqs,
  type LocalSqs,
} from '../../../src-main/engine/sandbox/local-sqs.ts';
import { createGitRemotes, type GitRemotes } from '../../support/git-remote.ts';
import { GitHubFake } from '../../support/github-fake/github-fake.ts';
import { startServe, type ServeProcess } from './serve-process.ts';

export const REPOSITORY = 'octo/app';
const TOKEN = 'ghp_e2eFakeTokenForTheFullStackSpecs000001';
const FAKE_AIDER = fileURLToPath(new URL('../../fixtures/agent/fake-aider.mjs', import.meta.url));

export interface FullStack {
  readonly sqs: LocalSqs;
  readonly github: GitHubFake;
  readonly remotes: GitRemotes;
  readonly serve: ServeProcess;
  readonly queueUrl: string;
  readonly dlqUrl: string;
  readonly dataDir: string;
  /** Files the issue on the fake and sends its task the way the producer workflow does. */
  sendIssue(number: number, title: string, body: string): Promise<void>;
  stop(): Promise<void>;
}

/** `config`: more keys for the worker's config file (e.g. the guardrails); `env`: more variables. */
export async function startFullStack(
  name: string,
  config: Record<string, unknown> = {},
  env: Record<string, string> = {},
): Promise<FullStack> {
  const sqs = await startLocalSqs();
  const { queueUrl, dlqUrl } = await sqs.createQueuePair(name, { maxReceiveCount: 3 });
  const remotes = await createGitRemotes();
  await remotes.create(REPOSITORY);
  const github = await GitHubFake.start({ token: TOKEN });
  github.addRepo(REPOSITORY, { collaborators: { alice: 'admin' } });

  const dataDir = mkdtempSync(join(tmpdir(), `codingworker-e2e-${name}-`));
  const configPath = join(dataDir, 'config.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      agent: {
        preset: 'aider',
        command: [agentWrapper(dataDir)],
        ...(config.agent as Record<string, unknown> | undefined),
      },
      retryBackoffSeconds: [1, 1, 1],
      shutdownGraceSeconds: 2,
      ...Object.fromEntries(Object.entries(config).filter(([key]) => key !== 'agent')),
    }),
  );
  const serve = await startServe(
    {
      CODINGWORKER_QUEUE_URL: queueUrl,
      CODINGWORKER_REPOSITORIES: REPOSITORY,
      CODINGWORKER_DATA_DIR: dataDir,
      AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      GITHUB_TOKEN: TOKEN,
      GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: remotes.serverUrl,
      // The fixture agent needs no key, but the preflight wants one for aider: a placeholder.
      OPENAI_API_KEY: 'sk-placeholder-for-the-fixture-agent',
      ...env,
    },
    ['--config', configPath],
  );
  return {
    sqs,
    github,
    remotes,
    serve,
    queueUrl,
    dlqUrl,
    dataDir,
    async sendIssue(number, title, body) {
      github.addIssue(REPOSITORY, { number, title, body, labeledBy: 'alice' });
      await sendTaskMessage(sqs.client, queueUrl, {
        issue_number: number,
        repository: REPOSITORY,
        title,
        body,
        labels: ['ai-task'],
        created_at: '2026-11-23T09:00:00Z',
      });
    },
    async stop() {
      await serve.stop();
      await github.stop();
      await sqs.stop();
      await remotes.remove();
    },
  };
}

/**
 * The fixture agent behind a program named `aider` in the stack's own folder, so the job log (and
 * the screenshots taken of it) name a neutral path, not this machine's Node inside node_modules.
 * It sits in the agent cache: the agent's OS sandbox hides /tmp and the rest of the data folder.
 */
function agentWrapper(dataDir: string): string {
  const bin = join(agentCacheDir(dataDir), 'bin');
  mkdirSync(bin, { recursive: true });
  const path = join(bin, 'aider');
  const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
  writeFileSync(path, `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(FAKE_AIDER)} "$@"\n`, {
    mode: 0o755,
  });
  return path;
}
