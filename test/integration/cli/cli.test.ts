// The `codingworker` command as a user runs it: a real subprocess, its output and exit code.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTaskMessage } from '../../../shared/task-message.ts';
import { LOCAL_CREDENTIALS } from '../../../src-main/engine/sandbox/local-sqs.ts';
import { startLocalSqs, type LocalSqs } from '../../support/local-sqs.ts';

const CLI = fileURLToPath(new URL('../../../src-main/cli.ts', import.meta.url));
const run = promisify(execFile);

let sqs: LocalSqs;
beforeAll(async () => {
  sqs = await startLocalSqs();
});
afterAll(async () => {
  await sqs.stop();
});

async function cli(args: string[], env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'cw-cli-'));
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: dataDir, CODINGWORKER_DATA_DIR: dataDir, ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const local = (queueUrl: string) => ({
  CODINGWORKER_QUEUE_URL: queueUrl,
  AWS_ENDPOINT_URL_SQS: sqs.endpoint,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
});

describe('codingworker', () => {
  it('exits 2 naming the key when the configuration is invalid', async () => {
    const result = await cli(['run'], { CODINGWORKER_QUEUE_URL: 'not-a-queue' });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'codingworker: Invalid configuration: queueUrl (CODINGWORKER_QUEUE_URL) must be an SQS queue URL',
    );
  });

  it('exits 2 with the usage for an unknown command or a bad flag', async () => {
    const unknown = await cli(['fly']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "fly"');
    expect(unknown.stderr).toContain('Usage: codingworker <command>');
    expect((await cli(['serve', '--port', 'x'])).code).toBe(2);
  });

  it('refuses to run without a GitHub token, saying how to get one', async () => {
    const { queueUrl } = await sqs.createQueuePair('cli-no-token');
    const result = await cli(['run'], local(queueUrl));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('GITHUB_TOKEN is not set');
  });

  it('send-test-issue puts a task on the queue exactly as the producer does', async () => {
    const { queueUrl } = await sqs.createQueuePair('cli-send');
    const result = await cli(
      ['send-test-issue', '--repo', 'octo/app', '--issue', '5', '--title', 'Héllo 🚀', '--body', '$(whoami)'],
      local(queueUrl),
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Sent octo\/app#5 to .+ \(message [\w-]+\)\.$/m);
    const { Messages = [] } = await sqs.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }),
    );
    expect(Messages[0]!.Body).toMatch(/^[\x20-\x7e]*$/);
    expect(parseTaskMessage(Messages[0]!.Body!)).toMatchObject({
      ok: true,
      value: {
        issue_number: 5,
        repository: 'octo/app',
        title: 'Héllo 🚀',
        body: '$(whoami)',
        labels: ['ai-task'],
      },
    });
  });

  it('doctor reports each check with what to fix, and exits 1 when one fails', async () => {
    const { queueUrl } = await sqs.createQueuePair('cli-doctor');
    const result = await cli(['doctor', '--json'], {
      ...local(queueUrl),
      CODINGWORKER_REPOSITORIES: 'octo/app',
    });
    expect(result.code).toBe(1);
    const checks = JSON.parse(result.stdout) as Array<{ id: string; status: string; fix: string | null }>;
    const status = Object.fromEntries(checks.map((check) => [check.id, check.status]));
    expect(status).toMatchObject({
      'aws-credentials': 'ok',
      queue: 'ok',
      dlq: 'ok',
      repositories: 'ok',
      'github-token': 'fail',
      git: 'ok',
    });
    expect(checks.find((check) => check.id === 'github-token')!.fix).toContain('gh auth login');
  });
});
