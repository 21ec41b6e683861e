/**
 * What the agent left in a worktree, and committing it: uncommitted changes are committed with the
 * worker's identity (hooks off, signing off), so the branch holds all of the agent's work.
 * Fails with GitError.
 */
import { git, type GitEnv } from './git.ts';
import type { GitIdentity } from './workspaces.ts';

export interface BranchChanges {
  /** Commits on the branch since it started, newest first: "abc1234 subject". */
  readonly commits: readonly string[];
  /** Files that differ from the base, as git names them. */
  readonly files: readonly string[];
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
  cwd: string,
  env: GitEnv,
  signal?: AbortSignal,
): Promise<boolean> {
  const status = await git(['status', '--porcelain=v1', '-z', '--untracked-files=all'], { cwd, env, signal });
  return status.stdout.length > 0;
}

/** Commits everything uncommitted; returns the new commit's id, or null when there was nothing. */
export async function commitAll(
  cwd: string,
  env: GitEnv,
  identity: GitIdentity,
  message: string,
  signal?: AbortSignal,
): Promise<string | null> {
  if (!(await hasUncommittedChanges(cwd, env, signal))) return null;
  await git(['add', '--all'], { cwd, env, signal });
  await git([...identityConfig(identity), 'commit', '--no-verify', '--quiet', '-m', message], {
    cwd,
    env,
    signal,
  });
  return (await git(['rev-parse', 'HEAD'], { cwd, env, signal })).stdout.trim();
}

export async function branchChanges(
  cwd: string,
  env: GitEnv,
  baseSha: string,
  signal?: AbortSignal,
): Promise<BranchChanges> {
  const opts = { cwd, env, signal };
  const log = await git(['log', '--max-count=100', '--format=%h %s', `${baseSha}..HEAD`], opts);
  const diff = await git(['diff', '--name-only', '-z', baseSha, 'HEAD'], opts);
  return {
    commits: log.stdout.split('\n').filter((line) => line.length > 0),
    files: diff.stdout.split('\0').filter((name) => name.length > 0),
    uncommitted: await hasUncommittedChanges(cwd, env, signal),
  };
}
