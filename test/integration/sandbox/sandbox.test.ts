// `codingworker sandbox`, the README's "try it" command: the whole flow with no AWS and no GitHub.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startSandbox, SANDBOX_REPOSITORY } from '../../../src-main/engine/sandbox/start-sandbox.ts';
import { untilAsync } from '../../support/until.ts';

const CLI = fileURLToPath(new URL('../../../src-main/cli.ts', import.meta.url));
const git = promisify(execFile);

describe('the sandbox', () => {
  it('runs a sample issue end to end with the demo agent and records a branch pushed without a pull request', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cw-sandbox-'));
    // No aider on PATH here, so the labelled demo agent does the edit.
    const sandbox = await startSandbox({
      dataDir,
      env: { PATH: '/usr/bin:/bin', HOME: dataDir },
      notifier: { notify: () => {} },
      demoAgentSeconds: 2,
    });
    try {
      expect(sandbox.agent).toBe('demo');
      await sandbox.sendIssue(1, 'Add a greeting', 'Say hello.');
      const [record] = await untilAsync(async () => {
        const records = await sandbox.app.service.handlers.listHistory({ limit: 5 });
        return records.length > 0 && records;
      }, 30_000);
      expect(record).toMatchObject({
        outcome: 'pushed',
        prUrl: null,
        issue: { repository: SANDBOX_REPOSITORY, number: 1 },
      });
      expect(record!.reason).toBe(
        `no pull request (the sandbox has no GitHub); branch ai-task/issue-1 pushed to the demo repository (${join(dataDir, 'remotes', SANDBOX_REPOSITORY)}.git)`,
      );
      const log = await sandbox.app.service.handlers.getJobLog({ jobId: record!.jobId, from: 1, limit: 500 });
      const text = log.lines.map((line) => line.text).join('\n');
      expect(text).toContain('CodingWorker demo agent (not Aider');
      expect(text).toContain('[ 50%] Reading README.md … (1 of 2 s)');
      expect(text).toContain('[100%] Checking the result … (2 of 2 s)');
      expect(text).toMatch(
        /No pull request opened \(the sandbox has no GitHub\); it would go to a pull request from ai-task\/issue-1 into main/,
      );
      const bare = join(dataDir, 'remotes', `${SANDBOX_REPOSITORY}.git`);
      const { stdout } = await git('git', ['--git-dir', bare, 'show', 'ai-task/issue-1:README.md']);
      expect(stdout).toContain('Hello from the CodingWorker demo agent, for: Add a greeting');
    } finally {
      await sandbox.stop({ immediate: true });
    }
  });

  it('starts from the command line, serves the UI and stops cleanly on Ctrl-C', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cw-sandbox-cli-'));
    const child = spawn(process.execPath, [CLI, 'sandbox', '--port', '0'], {
      env: { PATH: '/usr/bin:/bin', HOME: dataDir, CODINGWORKER_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = /CodingWorker UI: (\S+)/.exec(line);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
    });
    const health = await fetch(new URL('/healthz', url));
    expect(await health.json()).toMatchObject({ ok: true });
    expect((await fetch(url)).status).toBe(200);
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('sends sample issues on demand, and its snapshot says it is the sandbox', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cw-sandbox-samples-'));
    const sandbox = await startSandbox({
      dataDir,
      env: { PATH: '/usr/bin:/bin', HOME: dataDir },
      notifier: { notify: () => {} },
      demoAgentSeconds: 0,
    });
    try {
      const { handlers } = sandbox.app.service;
      expect((await handlers.getSnapshot({})).sandbox).toBe(true);
      expect(await handlers.sendSampleIssue({})).toEqual({ issueNumber: 1 });
      expect(await handlers.sendSampleIssue({})).toEqual({ issueNumber: 2 });
      const records = await untilAsync(async () => {
        const list = await handlers.listHistory({ limit: 5 });
        return list.length === 2 && list;
      }, 30_000);
      expect(records.map((record) => [record.issue?.number, record.outcome]).sort()).toEqual([
        [1, 'pushed'],
        [2, 'pushed'],
      ]);
      const checks = await handlers.runDoctor({});
      expect(checks.filter((check) => check.status !== 'ok')).toEqual([]);
      expect(checks.find((check) => check.id === 'aws-credentials')!.detail).toMatch(/^Not needed/);
    } finally {
      await sandbox.stop({ immediate: true });
    }
  });
});
