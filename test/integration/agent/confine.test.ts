import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confine } from '../../../src-main/engine/agent/sandbox/confine.ts';
import { detectSandbox, type SandboxSupport } from '../../../src-main/engine/agent/sandbox/detect.ts';
import { homeSecrets, type SandboxPolicy } from '../../../src-main/engine/agent/sandbox/policy.ts';
import { runProcess } from '../../../src-main/engine/agent/run-process.ts';
import { until } from '../../support/until.ts';

const HOSTILE = fileURLToPath(new URL('../../fixtures/sandbox/hostile-agent.mjs', import.meta.url));
const support: SandboxSupport = await detectSandbox();
const reason = support.kind === 'none' ? support.reason : '';
if (reason) console.log(`Skipping the OS sandbox tests: ${reason}`);
if (process.platform !== 'darwin')
  console.log(
    'Seatbelt: these tests run with sandbox-exec in the macOS CI job; here they run with bubblewrap',
  );

interface World {
  root: string;
  home: string;
  dataDir: string;
  worktree: string;
  jobDir: string;
  api: Server;
  other: TcpServer;
  decoy: ChildProcess;
}
const token = `ghp_canary${Date.now()}`;
const canary = `aws-canary-${process.pid}`;
let world: World;

function port(server: Server | TcpServer): number {
  return (server.address() as { port: number }).port;
}

function sleepersWith(marker: string): number[] {
  if (process.platform !== 'linux') {
    const listing = execFileSync('ps', ['-A', '-o', 'pid=,args='], { encoding: 'utf8' });
    return listing
      .split('\n')
      .map((line) => /^\s*(\d+)\s+(\S*sleep) (\d+)$/.exec(line))
      .filter((match) => match !== null && match[3] === marker)
      .map((match) => Number(match![1]));
  }
  const found: number[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const state = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.[0];
      if (cmdline[0]?.endsWith('sleep') && cmdline[1] === marker && state !== 'Z') found.push(Number(entry));
    } catch {
      // gone already
    }
  }
  return found;
}

async function runHostile(confined: boolean) {
  const marker = String(900_000 + Math.floor(Math.random() * 99_999));
  const outside = [
    join(world.home, 'outside.txt'),
    join(world.dataDir, 'other-job.txt'),
    join(world.root, 'outside.txt'),
  ];
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: join(world.jobDir, 'home'),
    HOSTILE_CANARY_FILE: join(world.home, '.aws', 'credentials'),
    HOSTILE_CANARY: canary,
    // Reversed, so the agent's own environment does not hold the token it looks for.
    HOSTILE_TOKEN_REVERSED: [...token].reverse().join(''),
    HOSTILE_OUTSIDE: outside.join(':'),
    HOSTILE_JOB_DIR: world.jobDir,
    HOSTILE_OTHER_PORT: String(port(world.other)),
    HOSTILE_API_PORT: String(port(world.api)),
    HOSTILE_SLEEP_MARKER: marker,
  };
  const policy: SandboxPolicy = {
    writable: [world.worktree, world.jobDir],
    readOnly: [],
    hidden: [...homeSecrets(world.home), world.dataDir],
    allowedHosts: [`127.0.0.1:${port(world.api)}`],
  };
  const refused: string[] = [];
  const command = { file: process.execPath, args: [HOSTILE], cwd: world.worktree, env };
  const wrapped = await confine(
    command,
    policy,
    confined ? support : { kind: 'none', reason: 'control run' },
    {
      onRefused: (destination) => refused.push(destination),
      tmpDir: join(world.jobDir, 'tmp'),
    },
  );
  const lines: string[] = [];
  try {
    const outcome = await runProcess({
      file: wrapped.file,
      args: wrapped.args,
      cwd: world.worktree,
      env: wrapped.env,
      maxMs: 60_000,
      idleMs: 30_000,
      onLine: (_stream, text) => lines.push(text),
    });
    const report = lines.find((line) => line.startsWith('HOSTILE '));
    if (!report) throw new Error(`no report from the hostile agent: ${lines.join('\n')}`);
    return { outcome, found: JSON.parse(report.slice(8)), outside, marker, refused, lines };
  } finally {
    await wrapped.cleanup();
  }
}

describe.skipIf(reason !== '')('the OS sandbox around a hostile agent', () => {
  beforeAll(async () => {
    const root = await mkdtemp(join(tmpdir(), 'cw-confine-'));
    const home = join(root, 'home');
    const dataDir = join(root, 'data');
    const worktree = join(dataDir, 'worktrees', 'job-1');
    const jobDir = join(dataDir, 'jobs', 'job-1');
    for (const dir of [join(home, '.aws'), worktree, jobDir]) await mkdir(dir, { recursive: true });
    await writeFile(join(home, '.aws', 'credentials'), `[default]\naws_secret_access_key = ${canary}\n`);
    const api = createServer((_req, res) => res.end('{"data":["model-api-fake"]}'));
    const other = createTcpServer((socket) => {
      socket.on('error', () => undefined);
      socket.end('other service\n');
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    // Stands in for the worker: a process of the same user with the GitHub token in its environment.
    const decoy = spawn('sleep', ['600'], {
      env: { PATH: process.env.PATH, GITHUB_TOKEN: token },
      stdio: 'ignore',
    });
    world = { root, home, dataDir, worktree, jobDir, api, other, decoy };
  });
  afterAll(async () => {
    world.decoy.kill('SIGKILL');
    world.api.close();
    world.other.close();
    await rm(world.root, { recursive: true, force: true });
  });

  it(
    'shows that an unconfined agent gets all of it (so the confined run below proves something)',
    { timeout: 60_000 },
    async () => {
      const run = await runHostile(false);
      try {
        expect(run.found).toMatchObject({ canary: true, direct: true });
        // macOS may keep other processes' environments from a same-user process anyway.
        if (process.platform === 'linux') expect(run.found.token).toBe(true);
        expect(run.found.wroteOutside).toEqual(run.outside);
        expect(sleepersWith(run.marker)).toHaveLength(1);
      } finally {
        for (const pid of sleepersWith(run.marker)) process.kill(pid, 'SIGKILL');
        for (const path of run.outside) await rm(path, { force: true });
      }
    },
  );

  it(
    'keeps secrets, other processes, other folders and other hosts from the agent, and ends its setsid grandchild',
    { timeout: 60_000 },
    async () => {
      const run = await runHostile(true);
      const seen = `agent output:\n${run.lines.join('\n')}`;
      expect(run.outcome.exitCode, seen).toBe(0);
      expect(run.found, seen).toMatchObject({ canary: false, token: false, direct: false });
      for (const path of run.outside) expect(existsSync(path)).toBe(false);
      expect(run.found.proxiedOther, seen).toMatch(/^HTTP\/1\.1 403/);
      expect(run.refused).toEqual([`127.0.0.1:${port(world.other)}`]);
      expect(run.found.proxiedApi, seen).toMatch(/^HTTP\/1\.1 200 .*model-api-fake/);
      expect(await readFile(join(world.worktree, 'agent-was-here.txt'), 'utf8')).toContain('hostile agent');
      expect(await readFile(join(world.jobDir, 'agent-note.txt'), 'utf8')).toContain('writable');
      // Linux: the PID namespace ends it. macOS has no PID namespace: process records and the
      // worker's restart cover a crash there, but a live job's setsid escapee is not found.
      // The kernel ends the namespace's other processes once its init is gone, a moment after
      // the job's own process: give it that moment (bounded), not forever.
      if (process.platform === 'linux')
        expect(await until(() => sleepersWith(run.marker).length === 0, 5_000)).toBe(true);
      else for (const pid of sleepersWith(run.marker)) process.kill(pid, 'SIGKILL');
    },
  );
});
