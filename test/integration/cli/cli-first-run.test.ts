// A newcomer's first commands, before anything is configured: `doctor` lists every check, `--help`
// answers per command, and usage errors come before configuration errors. Real subprocesses.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../../src-main/cli.ts', import.meta.url));
const run = promisify(execFile);

/** The CLI with nothing configured: an empty HOME, no AWS or GitHub variables, PATH only. */
async function cli(args: string[], env: Record<string, string> = {}) {
  const home = mkdtempSync(join(tmpdir(), 'cw-first-'));
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        CODINGWORKER_DATA_DIR: home,
        // No credentials from anywhere: the SDK must not find a developer's own.
        AWS_CONFIG_FILE: join(home, 'no-aws-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-aws-credentials'),
        AWS_EC2_METADATA_DISABLED: 'true',
        ...env,
      },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr, home };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr, home };
  }
}

interface Check {
  id: string;
  title: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  fix: string | null;
}

const EVERY_CHECK = [
  'configuration',
  'unknown-keys',
  'aws-credentials',
  'queue',
  'dlq',
  'repositories',
  'github-token',
  'git',
];

describe('codingworker doctor without configuration', () => {
  it('lists every check, reports the missing queue URL as one failed check with its fix, and exits 1', async () => {
    const result = await cli(['doctor']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    for (const title of [
      'Configuration',
      'AWS credentials',
      'Task queue',
      'GitHub token',
      'git',
      'Coding agent',
    ])
      expect(lines.some((line) => line.includes(` ${title}`))).toBe(true);
    expect(result.stdout).toContain('✗ Task queue: No queue URL is configured (queueUrl is required).');
    expect(result.stdout).toContain('fix: Set CODINGWORKER_QUEUE_URL');
    expect(result.stdout).toContain('✗ AWS credentials: no AWS credentials found');
    expect(result.stdout).toMatch(/^\d+ of \d+ checks failed\.$/m);
  });

  it('prints valid JSON with --json: every check, one failure for the queue URL', async () => {
    const result = await cli(['doctor', '--json']);
    expect(result.code).toBe(1);
    const checks = JSON.parse(result.stdout) as Check[];
    // Every check is listed, in order (the agent's own checks follow these).
    expect(checks.map((check) => check.id).slice(0, EVERY_CHECK.length)).toEqual(EVERY_CHECK);
    expect(checks.length).toBeGreaterThan(EVERY_CHECK.length);
    const byId = Object.fromEntries(checks.map((check) => [check.id, check]));
    expect(byId.queue).toMatchObject({
      status: 'fail',
      fix: expect.stringContaining('CODINGWORKER_QUEUE_URL'),
    });
    // One cause, one failure: the DLQ check says it was not checked, and why.
    expect(byId.dlq!.status).toBe('warn');
    expect(byId.configuration!.status).toBe('ok');
    expect(byId.git!.status).toBe('ok');
  });

  it('reports an invalid value and a config file it cannot read as failed checks, still as JSON', async () => {
    const invalid = await cli(['doctor', '--json'], {
      CODINGWORKER_QUEUE_URL: 'not-a-queue',
      CODINGWORKER_LEASE_SECONDS: '5',
    });
    expect(invalid.code).toBe(1);
    const checks = JSON.parse(invalid.stdout) as Check[];
    const byId = Object.fromEntries(checks.map((check) => [check.id, check]));
    expect(byId.queue!.detail).toBe('queueUrl (CODINGWORKER_QUEUE_URL) must be an SQS queue URL');
    expect(byId.configuration!.status).toBe('fail');
    expect(byId.configuration!.detail).toContain('leaseSeconds (CODINGWORKER_LEASE_SECONDS)');

    const missingFile = await cli(['doctor', '--json', '--config', '/nonexistent/config.json']);
    expect(missingFile.code).toBe(1);
    const fileChecks = JSON.parse(missingFile.stdout) as Check[];
    expect(fileChecks.find((check) => check.id === 'configuration')!.detail).toContain(
      '/nonexistent/config.json cannot be read: ENOENT',
    );
  });

  it('names unknown keys with the closest known one, as a failed check', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-keys-'));
    const path = join(dir, 'config.json');
    writeFileSync(
      path,
      JSON.stringify({ repositorys: ['octo/app'], leaseSecond: 60, agent: { modle: 'x' } }),
    );
    const result = await cli(['doctor', '--json', '--config', path]);
    const check = (JSON.parse(result.stdout) as Check[]).find((entry) => entry.id === 'unknown-keys')!;
    expect(check.status).toBe('fail');
    expect(check.detail).toContain(
      `unknown key "repositorys" in the config file ${path} is ignored (did you mean "repositories"?)`,
    );
    expect(check.detail).toContain('"leaseSecond"');
    expect(check.detail).toContain('(did you mean "leaseSeconds"?)');
    expect(check.detail).toContain('unknown key "agent.modle"');
    expect(check.detail).toContain('(did you mean "agent.model"?)');
  });
});

describe('codingworker usage', () => {
  it("answers --help per command, with that command's options", async () => {
    const doctor = await cli(['doctor', '--help']);
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toMatch(/^Usage: codingworker doctor \[--json\]/);
    expect(doctor.stdout).toContain('Runs every check it can, even without a configuration.');
    const send = await cli(['send-test-issue', '-h']);
    expect(send.stdout).toMatch(/^Usage: codingworker send-test-issue --repo OWNER\/NAME --issue N/);
    const general = await cli(['--help']);
    expect(general.stdout).toMatch(/^Usage: codingworker <command>/);
  });

  it('names an unknown option plainly, with balanced quotes, and exits 2', async () => {
    const result = await cli(['run', '--frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('codingworker: unknown option --frobnicate');
    const misplaced = await cli(['run', '--repo', 'octo/app']);
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr.split('\n')[0]).toBe('codingworker: run does not take --repo');
    expect(misplaced.stderr).toContain('Usage: codingworker run');
  });

  it('send-test-issue: usage errors exit 2 before the configuration is read', async () => {
    // Nothing is configured, so reading the configuration would fail with "queueUrl is required".
    const badRepo = await cli(['send-test-issue', '--repo', 'not a repo', '--issue', '1']);
    expect(badRepo.code).toBe(2);
    expect(badRepo.stderr.split('\n')[0]).toBe(
      'codingworker: --repo must be OWNER/NAME, like octo/app (got "not a repo")',
    );
    expect(badRepo.stderr).toContain('Usage: codingworker send-test-issue');
    const noIssue = await cli(['send-test-issue', '--repo', 'octo/app']);
    expect(noIssue.code).toBe(2);
    expect(noIssue.stderr).toContain('send-test-issue needs --repo OWNER/NAME and --issue N');
    const badIssue = await cli(['send-test-issue', '--repo', 'octo/app', '--issue', 'x']);
    expect(badIssue.code).toBe(2);
    expect(badIssue.stderr).toContain('--issue must be a whole number');
    const json = await cli(['send-test-issue', '--json']);
    expect(json.code).toBe(2);
  });

  it('send-test-issue explains missing AWS credentials as the doctor does', async () => {
    const result = await cli(['send-test-issue', '--repo', 'octo/app', '--issue', '1'], {
      CODINGWORKER_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/codingworker-tasks',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('codingworker: no AWS credentials found');
    expect(result.stderr).toContain('fix: Set AWS_PROFILE');
    expect(result.stderr).not.toContain('Could not load credentials from any providers');
  });

  it('run warns about each unknown key and carries on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-keys-'));
    const path = join(dir, 'config.json');
    writeFileSync(
      path,
      JSON.stringify({
        queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/codingworker-tasks',
        repositorys: ['octo/app'],
      }),
    );
    const result = await cli(['run', '--config', path]);
    expect(result.stderr).toContain(
      `codingworker: warning: unknown key "repositorys" in the config file ${path} is ignored (did you mean "repositories"?)`,
    );
    // It went on past the configuration: the next thing it needs is a GitHub token.
    expect(result.stderr).toContain('GITHUB_TOKEN is not set');
  });
});
