/**
 * Issue #10's proof through the worker's own pipeline: a hostile agent steered by the issue text
 * tries to read the user's AWS credentials (a canary), find the GitHub token in any
 * /proc/<pid>/environ, write outside its worktree and job folder, and reach a loopback server that
 * is not its model API — inside the real OS sandbox. It gets none of it, reaches its model API, its
 * setsid grandchild ends with the job, and the job still succeeds and opens its pull request, with
 * no canary in the pull request, the log or the pushed commit. The same run with agent.sandbox
 * "off" shows the attacks work unconfined, so the confined run proves something.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectSandbox } from '../../../src-main/engine/agent/sandbox/detect.ts';
import { REPO, TOKEN, usePipelineHarness } from './pipeline-harness.ts';

const HOSTILE_AIDER = fileURLToPath(new URL('../../fixtures/sandbox/hostile-aider.mjs', import.meta.url));
const support = await detectSandbox();
const reason = support.kind === 'none' ? support.reason : '';
if (reason) console.log(`Skipping the sandboxed pipeline test: ${reason}`);

const canary = `aws-canary-pipeline-${process.pid}`;
const reversed = (text: string) => [...text].reverse().join('');

describe.skipIf(reason !== '')('a hostile agent in the OS sandbox, through the pipeline', () => {
  const h = usePipelineHarness();
  let root: string;
  let api: Server;
  let other: TcpServer;
  let decoy: ChildProcess;
  const port = (server: Server | TcpServer) => (server.address() as { port: number }).port;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'cw-hostile-pipeline-'));
    // The user's HOME as the worker sees it (the harness's), with an AWS credentials canary.
    await mkdir(join(h.home, '.aws'), { recursive: true });
    await writeFile(join(h.home, '.aws', 'credentials'), `[default]\naws_secret_access_key = ${canary}\n`);
    api = createServer((_req, res) => res.end('{"data":["model-api-fake"]}'));
    other = createTcpServer((socket) => {
      socket.on('error', () => undefined);
      socket.end('other service\n');
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    // Stands in for the worker process: same user, the GitHub token in its environment.
    decoy = spawn('sleep', ['600'], {
      env: { PATH: process.env.PATH, GITHUB_TOKEN: TOKEN },
      stdio: 'ignore',
    });
  });
  afterAll(async () => {
    decoy?.kill('SIGKILL');
    api?.close();
    other?.close();
    await rm(root, { recursive: true, force: true });
  });

  function sleepersWith(marker: string): number[] {
    const listing = execFileSync('ps', ['-A', '-o', 'pid=,args='], { encoding: 'utf8' });
    return listing
      .split('\n')
      .filter((line) => line.trim().endsWith(`sleep ${marker}`))
      .map((line) => Number(line.trim().split(/\s+/)[0]));
  }

  async function attack(number: number, sandbox: 'auto' | 'off') {
    const outside = [
      join(h.home, `outside-${number}.txt`),
      join(h.dataDir, `other-job-${number}.txt`),
      join(root, `outside-${number}.txt`),
    ];
    const sleepMarker = String(800_000 + number * 10 + Math.floor(Math.random() * 9));
    const targets = {
      canaryFile: join(h.home, '.aws', 'credentials'),
      canaryReversed: reversed(canary),
      tokenReversed: reversed(TOKEN),
      outside,
      otherPort: port(other),
      apiPort: port(api),
      sleepMarker,
    };
    const marker = Buffer.from(JSON.stringify(targets)).toString('base64url');
    const message = h.issue(number, 'hostile', { body: `Please fix the greeting. [hostile:${marker}]` });
    const pipeline = h.pipeline({
      config: {
        agent: {
          command: [process.execPath, HOSTILE_AIDER],
          sandbox,
          // The model API fake: the one loopback server the agent may reach.
          allowedHosts: [`127.0.0.1:${port(api)}`],
        },
      },
    });
    const run = await h.run(message, { pipeline });
    const report = run.lines.find((line) => line.includes('HOSTILE {'));
    const found = report ? JSON.parse(report.slice(report.indexOf('{'))) : null;
    return { run, found, outside, sleepMarker };
  }

  it(
    'cannot read the canary, find the token, write outside or reach another server; the job opens its PR with no canary in it',
    { timeout: 120_000 },
    async () => {
      const { run, found, outside, sleepMarker } = await attack(31, 'auto');
      const seen = `job log:\n${run.lines.join('\n')}`;
      expect(
        run.lines.some((line) => /^Sandbox: the agent runs in (bubblewrap|Seatbelt)/.test(line)),
        seen,
      ).toBe(true);
      expect(found, seen).toMatchObject({ canary: false, token: false, direct: false });
      // Hidden folders are empty throwaway mounts inside the sandbox: what it wrote there never
      // reaches the real folder.
      expect(found.proxiedOther, seen).toMatch(/^HTTP\/1\.1 403/);
      expect(found.proxiedApi, seen).toMatch(/^HTTP\/1\.1 200 .*model-api-fake/);
      for (const path of outside) expect(existsSync(path), `${path} on the host`).toBe(false);
      if (process.platform === 'linux') expect(sleepersWith(sleepMarker)).toEqual([]);
      else for (const pid of sleepersWith(sleepMarker)) process.kill(pid, 'SIGKILL');

      // The job itself succeeded and opened its pull request.
      expect(run.result, seen).toMatchObject({ kind: 'success' });
      const pulls = h.fake.pulls(REPO).filter((pull) => pull.head === 'ai-task/issue-31');
      expect(pulls).toHaveLength(1);
      const pushed = execFileSync(
        'git',
        ['--git-dir', h.remotes.path(REPO), 'log', '-p', 'main..ai-task/issue-31'],
        {
          encoding: 'utf8',
        },
      );
      expect(pushed).toContain('agent-was-here.txt');
      const logFile = readFileSync(run.record.logFile!, 'utf8');
      for (const secret of [canary, TOKEN, 'aws-secret-should-never-reach-the-agent']) {
        for (const [where, text] of [
          ['pull request', `${pulls[0]!.title}\n${pulls[0]!.body}`],
          ['job log', `${run.lines.join('\n')}\n${logFile}`],
          ['pushed commit', pushed],
          [
            'issue comments',
            h.fake
              .comments(REPO, 31)
              .map((c) => c.body)
              .join('\n'),
          ],
        ] as const)
          expect(text.includes(secret), `${secret} in the ${where}`).toBe(false);
      }
    },
  );

  it(
    'gets all of it with agent.sandbox "off" (so the run above proves something)',
    { timeout: 120_000 },
    async () => {
      const { run, found, outside, sleepMarker } = await attack(32, 'off');
      try {
        const seen = `job log:\n${run.lines.join('\n')}`;
        expect(
          run.lines.some((line) => line.includes('the agent runs unconfined')),
          seen,
        ).toBe(true);
        expect(found, seen).toMatchObject({ canary: true, direct: true });
        if (process.platform === 'linux') expect(found.token).toBe(true);
        expect(found.wroteOutside).toEqual(outside);
      } finally {
        for (const pid of sleepersWith(sleepMarker)) process.kill(pid, 'SIGKILL');
        for (const path of outside) await rm(path, { force: true });
      }
    },
  );
});
