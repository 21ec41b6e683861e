/**
 * What the agent left in a worktree, and committing it: uncommitted changes are committed with the
 * worker's identity (hooks off, signing off), so the branch holds all of the agent's work. Every
 * call names the worktree's git folder and files explicitly (see git.ts), and none looks into a
 * submodule: a nested repository in the worktree is the agent's, with config of its own, and git
 * would run itself there (its filters included) to see whether it changed. Fails with GitError.
 */
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { git, type WorktreeRepository } from './git.ts';
import type { GitIdentity } from './workspaces.ts';

export interface BranchChanges {
  /** Commits on the branch since it started, newest first: "abc1234 subject". */
  readonly commits: readonly string[];
  /** Files that differ from the base, as git names them (both names of a rename). */
  readonly files: readonly string[];
  /** Of those, the submodule entries (gitlinks) added, changed or removed. */
  readonly submodules: readonly string[];
  readonly uncommitted: boolean;
}

/** Config that makes a commit independent of the user's setup: our identity, no signing prompts. */
export function identityConfig(identity: GitIdentity): string[] {
  return [
    '-c',
    `user.name=${identity.name}`,
    '-c',
    `user.email=${identity.email}`,
    '-c',
    'commit.gpgsign=false',
  ];
}

export async function hasUncommittedChanges(
  repo: WorktreeRepository,
  signal?: AbortSignal,
): Promise<boolean> {
  const status = await git(
    ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--ignore-submodules=all'],
    { ...repo, signal },
  );
  return status.stdout.length > 0;
}

/** Paths of the submodule entries (gitlinks) in the worktree's index. */
async function indexedSubmodules(repo: WorktreeRepository, signal?: AbortSignal): Promise<string[]> {
  const listed = await git(['ls-files', '--stage', '-z'], { ...repo, signal });
  return listed.stdout
    .split('\0')
    .filter((entry) => entry.startsWith('160000 '))
    .map((entry) => entry.slice(entry.indexOf('\t') + 1));
}

/**
 * Nested repositories in the worktree that git would look into: populated submodule entries of
 * the index, and untracked folders holding a repository of their own (`ls-files --others` lists
 * them as "path/" without entering them). The worker never populates submodules, so these are
 * the agent's; their config could run programs inside the worker's git.
 */
export async function nestedRepositories(repo: WorktreeRepository, signal?: AbortSignal): Promise<string[]> {
  const found: string[] = [];
  for (const path of await indexedSubmodules(repo, signal)) {
    const entry = await lstat(join(repo.workTree, path, '.git')).catch(() => null);
    if (entry) found.push(path);
  }
  const others = await git(['ls-files', '--others', '--exclude-standard', '-z'], { ...repo, signal });
  for (const path of others.stdout.split('\0')) {
    if (path.endsWith('/')) found.push(path.slice(0, -1));
  }
  return found;
}

/** Commits everything uncommitted; returns the new commit's id, or null when there was nothing. */
export async function commitAll(
  repo: WorktreeRepository,
  identity: GitIdentity,
  message: string,
  signal?: AbortSignal,
): Promise<string | null> {
  if (!(await hasUncommittedChanges(repo, signal))) return null;
  // `add --all` would look inside every indexed submodule: leave them as they are.
  const skip = (await indexedSubmodules(repo, signal)).map((path) => `:(top,exclude,literal)${path}`);
  await git(['add', '--all', '--', '.', ...skip], { ...repo, signal });
  await git([...identityConfig(identity), 'commit', '--no-verify', '--quiet', '-m', message], {
    ...repo,
    signal,
  });
  return headCommit(repo, signal);
}

/** The commit the worktree's HEAD is at. */
export async function headCommit(repo: WorktreeRepository, signal?: AbortSignal): Promise<string> {
  return (await git(['rev-parse', '--verify', 'HEAD^{commit}'], { ...repo, signal })).stdout.trim();
}

/** What lies between `baseSha` and `head` (default HEAD), and whether anything is uncommitted. */
export async function branchChanges(
  repo: WorktreeRepository,
  baseSha: string,
  signal?: AbortSignal,
  head = 'HEAD',
): Promise<BranchChanges> {
  const opts = { ...repo, signal };
  const log = await git(['log', '--max-count=100', '--format=%h %s', `${baseSha}..${head}`], opts);
  // diff-tree compares the two commits only, and shows gitlinks whatever diff.ignoreSubmodules says.
  const diff = await git(['diff-tree', '-r', '--no-renames', '--raw', '-z', baseSha, head], opts);
  const fields = diff.stdout.split('\0');
  const files: string[] = [];
  const submodules: string[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [oldMode, newMode] = fields[i]!.slice(1).split(' ');
    const path = fields[i + 1]!;
    files.push(path);
    if (oldMode === '160000' || newMode === '160000') submodules.push(path);
  }
  return {
    commits: log.stdout.split('\n').filter((line) => line.length > 0),
    files,
    submodules,
    uncommitted: await hasUncommittedChanges(repo, signal),
  };
}
