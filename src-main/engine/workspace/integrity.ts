/**
 * What the agent must not change, checked around its run. Before it starts, the worker hashes
 * every file through which a change would redirect or take over the worker's own git calls: the
 * clone's config, attributes, hooks and alternates, the worktree's git folder files that tie it to
 * the clone, and the askpass script. After it ends, the same hashes must come out, and the
 * worktree's `.git` must still be the file git wrote. Pure file reads; never runs git.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { worktreeEntryUnchanged, type WorktreeEntry } from './worktree-entry.ts';

/** A file or folder guarded during the run, and how to name it in a reason. */
export interface GuardedPath {
  readonly label: string;
  readonly path: string;
}

export interface IntegritySnapshot {
  readonly hashes: ReadonlyMap<string, string>;
  readonly guarded: readonly GuardedPath[];
}

export interface IntegrityReport {
  /** The worktree's `.git` (or the worktree folder itself) was replaced: never use it again. */
  readonly worktreeReplaced: boolean;
  /** Guarded files that changed (their labels): the clone can no longer be trusted. */
  readonly changed: readonly string[];
}

/** What to guard for a worktree of the clone at `cloneDir`. */
export function guardedPaths(cloneDir: string, gitDir: string, askpass: string | null): GuardedPath[] {
  return [
    { label: 'the clone’s config', path: join(cloneDir, 'config') },
    { label: 'the clone’s info/attributes', path: join(cloneDir, 'info', 'attributes') },
    { label: 'the clone’s hooks folder', path: join(cloneDir, 'hooks') },
    { label: 'the clone’s objects/info/alternates', path: join(cloneDir, 'objects', 'info', 'alternates') },
    { label: 'the worktree’s config.worktree', path: join(gitDir, 'config.worktree') },
    { label: 'the worktree’s commondir', path: join(gitDir, 'commondir') },
    { label: 'the worktree’s gitdir', path: join(gitDir, 'gitdir') },
    ...(askpass ? [{ label: 'the git askpass script', path: askpass }] : []),
  ];
}

export async function takeSnapshot(guarded: readonly GuardedPath[]): Promise<IntegritySnapshot> {
  const hashes = new Map<string, string>();
  for (const item of guarded) hashes.set(item.label, await fingerprint(item.path));
  return { hashes, guarded };
}

export async function checkIntegrity(
  snapshot: IntegritySnapshot,
  worktree: { readonly path: string; readonly entry: WorktreeEntry },
): Promise<IntegrityReport> {
  const changed: string[] = [];
  for (const item of snapshot.guarded) {
    if ((await fingerprint(item.path)) !== snapshot.hashes.get(item.label)) changed.push(item.label);
  }
  return { worktreeReplaced: !(await worktreeEntryUnchanged(worktree.path, worktree.entry)), changed };
}

/** Most entries hashed under one guarded folder; a folder with more counts as changed. */
const MAX_ENTRIES = 10_000;

/** A hash of what is at `path`: absent, a file's bytes, a link's target, or a folder's whole tree. */
async function fingerprint(path: string): Promise<string> {
  const hash = createHash('sha256');
  let entries = 0;
  const visit = async (at: string, name: string): Promise<void> => {
    if (++entries > MAX_ENTRIES) {
      hash.update('too many entries');
      return;
    }
    const info = await lstat(at).catch(() => null);
    if (!info) {
      hash.update(`absent ${name}\0`);
    } else if (info.isSymbolicLink()) {
      hash.update(`link ${name} ${await readlink(at)}\0`);
    } else if (info.isFile()) {
      hash.update(`file ${name} ${info.mode.toString(8)}\0`);
      hash.update(await readFile(at));
      hash.update('\0');
    } else if (info.isDirectory()) {
      hash.update(`dir ${name}\0`);
      for (const child of (await readdir(at)).sort()) await visit(join(at, child), `${name}/${child}`);
    } else {
      hash.update(`other ${name} ${info.mode.toString(8)}\0`);
    }
  };
  await visit(path, '.');
  return hash.digest('hex');
}
