import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRepository } from '../../../src-main/engine/github/repository-ref.ts';
import { branchChanges, commitAll } from '../../../src-main/engine/workspace/commit-changes.ts';
import { WorkspaceBusyError, Workspaces } from '../../../src-main/engine/workspace/workspaces.ts';
import { createGitRemotes, git, type GitRemotes } from '../../support/git-remote.ts';

const REPO = parseRepository('octo-org/hello-world');
const IDENTITY = { name: 'CodingWorker', email: 'cw@example.test' };

describe('job workspaces', () => {
  let remotes: GitRemotes;
  let dataDir: string;
  let workspaces: Workspaces;

  beforeEach(async () => {
    remotes = await createGitRemotes();
    await remotes.create(REPO.fullName);
    dataDir = await mkdtemp(join(tmpdir(), 'cw-ws-'));
    workspaces = new Workspaces({
      dataDir,
      serverUrl: remotes.serverUrl,
      environment: { PATH: process.env.PATH, HOME: tmpdir() },
      token: null,
      keepFailed: 2,
    });
  });
  afterEach(async () => {
    await remotes.remove();
    await rm(dataDir, { recursive: true, force: true });
  });

  const prepare = (jobId: string, branch: string) =>
    workspaces.prepare({ repository: REPO, jobId, branch, baseBranch: 'main' });

  it('clones once, then fetches: the next job starts from the newest default branch', async () => {
    const first = await prepare('job-a', 'ai-task/issue-1');
    expect(existsSync(join(first.path, 'README.md'))).toBe(true);
    await workspaces.release(first, { keep: false });

    // Someone pushes to main on the remote.
    const seed = await mkdtemp(join(tmpdir(), 'cw-seed-'));
    await git(['clone', '--quiet', remotes.path(REPO.fullName), seed], tmpdir());
    await writeFile(join(seed, 'NEW.md'), 'new\n');
    await git(['add', 'NEW.md'], seed);
    await git(['commit', '--quiet', '-m', 'new file'], seed);
    await git(['push', '--quiet', 'origin', 'HEAD:main'], seed);
    await rm(seed, { recursive: true, force: true });

    const second = await prepare('job-b', 'ai-task/issue-1');
    expect(existsSync(join(second.path, 'NEW.md'))).toBe(true);
    expect(second.baseSha).not.toBe(first.baseSha);
    expect(readdirSync(join(dataDir, 'repos', 'octo-org'))).toEqual(['hello-world.git']);
    await workspaces.release(second, { keep: false });
  });

  it('gives a finished job’s worktree to the next job, reset to the new base with nothing left over', async () => {
    const first = await prepare('job-a', 'ai-task/issue-1');
    await writeFile(join(first.path, 'README.md'), 'changed by the agent\n');
    await writeFile(join(first.path, 'untracked.txt'), 'left behind\n');
    await mkdir(join(first.path, '.aider.tags.cache.v4'), { recursive: true });
    await commitAll(workspaces.repository(first), IDENTITY, 'agent work');
    await writeFile(join(first.path, 'dirty.txt'), 'uncommitted\n');
    await workspaces.release(first, { keep: false });

    const second = await prepare('job-b', 'ai-task/issue-2');
    expect(second.path).toBe(first.path);
    expect(readFileSync(join(second.path, 'README.md'), 'utf8')).toBe('# Hello\n');
    expect(existsSync(join(second.path, 'untracked.txt'))).toBe(false);
    expect(existsSync(join(second.path, 'dirty.txt'))).toBe(false);
    expect(existsSync(join(second.path, '.aider.tags.cache.v4'))).toBe(false);
    expect(await git(['rev-parse', '--abbrev-ref', 'HEAD'], second.path)).toBe('ai-task/issue-2\n');
    expect(await git(['status', '--porcelain', '--untracked-files=all'], second.path)).toBe('');
    await workspaces.release(second, { keep: false });
  });

  it('prepares two jobs on one repository at once, each in its own worktree and branch', async () => {
    const [a, b] = await Promise.all([
      prepare('job-1', 'ai-task/issue-1'),
      prepare('job-2', 'ai-task/issue-2'),
    ]);
    expect(a.path).not.toBe(b.path);
    await writeFile(join(a.path, 'a.txt'), 'a\n');
    await writeFile(join(b.path, 'b.txt'), 'b\n');
    const [headA, headB] = await Promise.all([
      commitAll(workspaces.repository(a), IDENTITY, 'change a'),
      commitAll(workspaces.repository(b), IDENTITY, 'change b'),
    ]);
    const [changesA, changesB] = await Promise.all([
      branchChanges(workspaces.repository(a), a.baseSha),
      branchChanges(workspaces.repository(b), b.baseSha),
    ]);
    expect(changesA.files).toEqual(['a.txt']);
    expect(changesB.files).toEqual(['b.txt']);
    await Promise.all([workspaces.push(a, headA!), workspaces.push(b, headB!)]);
    expect(await remotes.commitsAhead(REPO.fullName, 'ai-task/issue-1')).toEqual(['change a']);
    expect(await remotes.commitsAhead(REPO.fullName, 'ai-task/issue-2')).toEqual(['change b']);
    await Promise.all([workspaces.release(a, { keep: false }), workspaces.release(b, { keep: false })]);
  });

  it('says the branch is busy when a second job for the same issue starts while the first runs', async () => {
    const first = await prepare('job-1', 'ai-task/issue-7');
    await expect(prepare('job-2', 'ai-task/issue-7')).rejects.toBeInstanceOf(WorkspaceBusyError);
    await workspaces.release(first, { keep: false });
    const again = await prepare('job-3', 'ai-task/issue-7');
    await workspaces.release(again, { keep: false });
  });

  it('keeps the newest failed worktrees for inspection, up to the limit, and frees their branches', async () => {
    for (const n of [1, 2, 3, 4]) {
      const worktree = await prepare(`failed-${n}`, 'ai-task/issue-9');
      await writeFile(join(worktree.path, 'half-done.txt'), `attempt ${n}\n`);
      await workspaces.release(worktree, { keep: true });
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    const kept = readdirSync(join(dataDir, 'worktrees')).filter((name) => !name.startsWith('.'));
    expect(kept.sort()).toEqual(['failed-3', 'failed-4']);
    expect(existsSync(join(dataDir, 'worktrees', 'failed-4', 'half-done.txt'))).toBe(true);
  });

  it('after a restart, discards the worktree of a job that never settled and starts afresh on its branch', async () => {
    const crashed = await prepare('job-1', 'ai-task/issue-5');
    // What the crashed job's agent left there must not reach the next job.
    writeFileSync(join(crashed.path, 'left-by-the-crashed-agent.txt'), 'stale\n');
    // The app dies here: no release. A new Workspaces is the restarted app.
    const restarted = new Workspaces({
      dataDir,
      serverUrl: remotes.serverUrl,
      environment: { PATH: process.env.PATH, HOME: tmpdir() },
      token: null,
    });
    const again = await restarted.prepare({
      repository: REPO,
      jobId: 'job-2',
      branch: 'ai-task/issue-5',
      baseBranch: 'main',
    });
    expect(again.path).not.toBe(crashed.path);
    expect(existsSync(crashed.path)).toBe(false);
    expect(existsSync(join(again.path, 'left-by-the-crashed-agent.txt'))).toBe(false);
    await restarted.release(again, { keep: false });
  });

  it('after a restart, still reuses a worktree whose job settled', async () => {
    const settled = await prepare('job-3', 'ai-task/issue-6');
    await workspaces.release(settled, { keep: false });
    const restarted = new Workspaces({
      dataDir,
      serverUrl: remotes.serverUrl,
      environment: { PATH: process.env.PATH, HOME: tmpdir() },
      token: null,
    });
    const again = await restarted.prepare({
      repository: REPO,
      jobId: 'job-4',
      branch: 'ai-task/issue-6',
      baseBranch: 'main',
    });
    expect(again.path).toBe(settled.path);
    await restarted.release(again, { keep: false });
  });

  it('uses job ids only as safe folder names', async () => {
    const worktree = await prepare('../../escape attempt', 'ai-task/issue-3');
    await workspaces.release(worktree, { keep: true });
    const kept = readdirSync(join(dataDir, 'worktrees')).filter((name) => !name.startsWith('.'));
    expect(kept).toHaveLength(1);
    expect(kept[0]).not.toMatch(/\.\.|\//);
  });
});
