/**
 * A linked worktree as git made it: its `.git` is a small file ("gitdir: <clone>/worktrees/<name>")
 * and that folder points back at it (`gitdir`) and at the clone (`commondir`). The worker reads
 * this once, when it creates or reuses a worktree, and from then on names the git folder itself
 * (--git-dir): the `.git` entry in the worktree is the agent's to change, so it is checked, never
 * followed. Pure file reads; never runs git.
 */
import { lstat, readFile, realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface WorktreeEntry {
  /** The worktree's git folder: <clone>/worktrees/<name>. */
  readonly gitDir: string;
  /** The exact content of the worktree's `.git` file, to compare with after the agent. */
  readonly dotGit: string;
}

/**
 * The worktree at `path` of the clone at `cloneDir` when everything is as git made it, else null:
 * `path` is a real folder (not a link), its `.git` a regular file naming a folder directly under
 * <clone>/worktrees that names it back, shares the clone's config (`commondir`) and has no
 * per-worktree config of its own.
 */
export async function readWorktreeEntry(cloneDir: string, path: string): Promise<WorktreeEntry | null> {
  try {
    if (!(await lstat(path)).isDirectory()) return null;
    const dotGitPath = join(path, '.git');
    if (!(await lstat(dotGitPath)).isFile()) return null;
    const dotGit = await readFile(dotGitPath, 'utf8');
    const named = /^gitdir: ([^\n]+)\n?$/.exec(dotGit)?.[1];
    if (!named?.startsWith('/')) return null;
    const worktrees = join(await realpath(cloneDir), 'worktrees');
    if (dirname(named) !== worktrees || basename(named).startsWith('.')) return null;
    if (!(await lstat(named)).isDirectory()) return null;
    const back = (await readFile(join(named, 'gitdir'), 'utf8')).trim();
    if (back !== join(await realpath(path), '.git')) return null;
    const common = (await readFile(join(named, 'commondir'), 'utf8')).trim();
    if (common !== '../..') return null;
    const ownConfig = await lstat(join(named, 'config.worktree')).then(
      () => true,
      () => false,
    );
    if (ownConfig) return null;
    return { gitDir: named, dotGit };
  } catch {
    return null;
  }
}

/** Whether the worktree's `.git` is still the file it was (same bytes), and the folder still real. */
export async function worktreeEntryUnchanged(path: string, entry: WorktreeEntry): Promise<boolean> {
  try {
    if (!(await lstat(path)).isDirectory()) return false;
    const dotGitPath = join(path, '.git');
    if (!(await lstat(dotGitPath)).isFile()) return false;
    return (await readFile(dotGitPath, 'utf8')) === entry.dotGit;
  } catch {
    return false;
  }
}
