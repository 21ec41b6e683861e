/**
 * The worker's git calls, each guard on its own: the push URL, the askpass script, the transports,
 * the git binary, symlinks and the clone's config.
 */
import { execFile } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { appendFile, chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRepository } from '../../../src-main/engine/github/repository-ref.ts';
import {
  ASKPASS_SCRIPT,
  networkEnvironment,
  writeAskpassScript,
} from '../../../src-main/engine/workspace/askpass.ts';
import { unexpectedCloneConfig } from '../../../src-main/engine/workspace/clone-config.ts';
import { commitAll } from '../../../src-main/engine/workspace/commit-changes.ts';
import { git, gitEnvironment } from '../../../src-main/engine/workspace/git.ts';
import { Workspaces } from '../../../src-main/engine/workspace/workspaces.ts';
import { createGitRemotes, startGitHttpServer, type GitRemotes } from '../../support/git-remote.ts';

const run = promisify(execFile);
const REPO = parseRepository('octo-org/hello-world');
const IDENTITY = { name: 'CodingWorker', email: 'cw@example.test' };
const TOKEN = 'ghp_WorkspaceToken0123456789abcdefghijABCD';

async function startAttacker(): Promise<{ url: string; requests: string[]; server: Server }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url} ${req.headers.authorization ?? '-'}`);
    res.writeHead(401, { 'www-authenticate': 'Basic realm="evil"' });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

describe('the worker’s git', () => {
  let remotes: GitRemotes;
  let dataDir: string;

  beforeEach(async () => {
    remotes = await createGitRemotes();
    dataDir = await mkdtemp(join(tmpdir(), 'cw-gitsafe-'));
  });
  afterEach(async () => {
    await remotes.remove();
    await rm(dataDir, { recursive: true, force: true });
  });

  const workspacesFor = (serverUrl: string, token: string | null, path = process.env.PATH) =>
    new Workspaces({ dataDir, serverUrl, environment: { PATH: path, HOME: tmpdir() }, token });
  /** A job's worktree of REPO on branch b from main. */
  const prepareJob = (workspaces: Workspaces, jobId = 'j', branch = 'b') =>
    workspaces.prepare({ repository: REPO, jobId, branch, baseBranch: 'main' });

  it('pushes to the URL built from the config, whatever push URL the clone’s config names', async () => {
    await remotes.create(REPO.fullName);
    const server = await startGitHttpServer({
      root: remotes.root,
      username: 'x-access-token',
      password: TOKEN,
    });
    const attacker = await startAttacker();
    try {
      const workspaces = workspacesFor(server.url, TOKEN);
      const worktree = await workspaces.prepare({
        repository: REPO,
        jobId: 'j1',
        branch: 'ai-task/issue-1',
        baseBranch: 'main',
      });
      // The review's repro: the agent appends a push URL to the shared clone's config.
      await appendFile(
        join(worktree.cloneDir, 'config'),
        `[remote "origin"]\n\tpushurl = ${attacker.url}/o/r.git\n`,
      );
      writeFileSync(join(worktree.path, 'x.txt'), 'change\n');
      const head = await commitAll(workspaces.repository(worktree), IDENTITY, 'm');
      await workspaces.push(worktree, head!);
      expect(attacker.requests).toEqual([]);
      expect(await remotes.branchSha(REPO.fullName, 'ai-task/issue-1')).toBe(head);
      // And the next prepare notices the config is not the worker's.
      expect(
        await unexpectedCloneConfig(worktree.cloneDir, workspaces.gitEnv, workspaces.remoteUrl(REPO)),
      ).toEqual([`remote.origin.pushurl=${attacker.url}/o/r.git`]);
      await workspaces.release(worktree, { keep: false });
      const again = await workspaces.prepare({
        repository: REPO,
        jobId: 'j2',
        branch: 'ai-task/issue-2',
        baseBranch: 'main',
      });
      expect(again.notes.join(' ')).toContain('remote.origin.pushurl');
      expect(readFileSync(join(again.cloneDir, 'config'), 'utf8')).not.toContain('pushurl');
    } finally {
      await server.stop();
      attacker.server.closeAllConnections();
      attacker.server.close();
    }
  });

  it('answers only the username and password prompts of the configured server', async () => {
    const script = await writeAskpassScript(join(dataDir, 'bin'));
    expect(readFileSync(script, 'utf8')).toBe(ASKPASS_SCRIPT);
    expect(lstatSync(join(dataDir, 'bin')).mode & 0o777).toBe(0o700);
    const env = networkEnvironment(gitEnvironment(process.env), {
      askpass: script,
      token: TOKEN,
      serverUrl: 'https://github.com',
    });
    const ask = async (prompt: string) =>
      run(script, [prompt], { env }).then(
        ({ stdout }) => stdout,
        () => null,
      );
    expect(await ask("Username for 'https://github.com': ")).toBe('x-access-token\n');
    expect(await ask("Password for 'https://x-access-token@github.com': ")).toBe(`${TOKEN}\n`);
    // Another host (a redirect, a changed URL), another user, another question: no answer.
    expect(await ask("Password for 'https://x-access-token@evil.example': ")).toBeNull();
    expect(await ask("Username for 'https://evil.example': ")).toBeNull();
    expect(await ask("Password for 'https://someone@github.com': ")).toBeNull();
    expect(await ask("Password for 'http://x-access-token@github.com': ")).toBeNull();
    expect(await ask('Enter passphrase for key: ')).toBeNull();
    expect(await ask('')).toBeNull();
  });

  it('rewrites the askpass script before each network call', async () => {
    await remotes.create(REPO.fullName);
    const workspaces = workspacesFor(remotes.serverUrl, TOKEN);
    const first = await prepareJob(workspaces, 'j1', 'b1');
    const script = join(dataDir, 'bin', 'git-askpass.sh');
    writeFileSync(script, '#!/bin/sh\necho stolen\n');
    await workspaces.release(first, { keep: false });
    await prepareJob(workspaces, 'j2', 'b2');
    expect(readFileSync(script, 'utf8')).toBe(ASKPASS_SCRIPT);
  });

  it('allows only the transports the server URL needs', async () => {
    await remotes.create(REPO.fullName);
    const marker = join(dataDir, 'ext-ran');
    const env = gitEnvironment(process.env);
    const bare = remotes.path(REPO.fullName);
    const lsRemote = (url: string, protocols: string[]) =>
      git(['ls-remote', '--', url], { gitDir: bare, env, protocols }).then(
        () => 'ok',
        (error: Error) => error.message,
      );
    expect(await lsRemote(`ext::sh -c touch% ${marker}`, ['https', 'file'])).toMatch(
      /transport 'ext' not allowed/,
    );
    expect(existsSync(marker)).toBe(false);
    expect(await lsRemote(`file://${bare}`, ['https'])).toMatch(/transport 'file' not allowed/);
    expect(await lsRemote(`file://${bare}`, ['https', 'file'])).toBe('ok');
  });

  it('runs git by absolute path, never a git the worktree holds on a relative PATH entry', async () => {
    const marker = join(dataDir, 'fake-git-ran');
    await remotes.create(REPO.fullName, {
      'README.md': '# x\n',
      'tools/git': `#!/bin/sh\ntouch ${marker}\n`,
    });
    const workspaces = workspacesFor(remotes.serverUrl, null, `tools:${process.env.PATH}`);
    const worktree = await prepareJob(workspaces);
    await chmod(join(worktree.path, 'tools', 'git'), 0o755);
    writeFileSync(join(worktree.path, 'x.txt'), 'change\n');
    expect(await commitAll(workspaces.repository(worktree), IDENTITY, 'm')).toMatch(/^[0-9a-f]{40}$/);
    expect(existsSync(marker)).toBe(false);
    expect(workspaces.gitEnv.PATH!.split(':')).not.toContain('tools');
  });

  it('checks symlinks out as plain files, and the worktree stays clean for the agent’s git too', async () => {
    await remotes.create(REPO.fullName, { 'README.md': '# x\n' });
    const seed = await mkdtemp(join(tmpdir(), 'cw-link-'));
    const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
    const sh = (args: string[]) => run('git', args, { cwd: seed, env });
    await sh(['clone', '--quiet', remotes.path(REPO.fullName), '.']);
    await run('ln', ['-s', '/etc/passwd', join(seed, 'passwd-link')]);
    await sh(['add', 'passwd-link']);
    await sh(['-c', 'user.name=a', '-c', 'user.email=a@b', 'commit', '--quiet', '-m', 'link']);
    await sh(['push', '--quiet', 'origin', 'HEAD:main']);
    await rm(seed, { recursive: true, force: true });

    const workspaces = workspacesFor(remotes.serverUrl, null);
    const worktree = await prepareJob(workspaces);
    expect(lstatSync(join(worktree.path, 'passwd-link')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(worktree.path, 'passwd-link'), 'utf8')).toBe('/etc/passwd');
    // The agent's own git (plain `git status` in the worktree) sees no change either.
    const agentStatus = await run('git', ['status', '--porcelain'], { cwd: worktree.path, env });
    expect(agentStatus.stdout).toBe('');
    expect(await commitAll(workspaces.repository(worktree), IDENTITY, 'nothing')).toBeNull();
  });

  it('creates the clone without sample hooks and with only the config the worker writes', async () => {
    await remotes.create(REPO.fullName);
    const workspaces = workspacesFor(remotes.serverUrl, null);
    const worktree = await prepareJob(workspaces);
    expect(existsSync(join(worktree.cloneDir, 'hooks'))).toBe(false);
    expect(
      await unexpectedCloneConfig(worktree.cloneDir, workspaces.gitEnv, workspaces.remoteUrl(REPO)),
    ).toEqual([]);
    await mkdir(join(worktree.cloneDir, 'x'), { recursive: true });
    await appendFile(
      join(worktree.cloneDir, 'config'),
      '[include]\n\tpath = x/evil\n[core]\n\tsshCommand = evil\n',
    );
    expect(
      await unexpectedCloneConfig(worktree.cloneDir, workspaces.gitEnv, workspaces.remoteUrl(REPO)),
    ).toEqual(['include.path=x/evil', 'core.sshcommand=evil']);
  });
});
