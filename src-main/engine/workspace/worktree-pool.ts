/**
 * Finished jobs' worktrees, per cached clone, ready for the next job on that repository: under
 * <dataDir>/worktrees/.pool/<owner>__<repo>. Taking one checks out the job's branch there, which
 * rewrites only the files that differ (a fresh checkout of a big repository costs seconds), and
 * removes untracked and ignored files. A worktree is reused only while its `.git` is still the
 * file git made (another job's agent could have pointed it elsewhere); else it is deleted without
 * running git in it. Callers serialise calls per clone. Fails with GitError or WorkspaceBusyError.
 *
 * A worktree in use has a marker file beside it (`<path>.busy`) until its job settles. One found
 * with its marker when the app starts belonged to a job that never settled (the worker crashed,
 * its agent may have written there since): it is discarded, never reused.
 */
import { randomBytes } from 'node:crypto';
import { access, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RepositoryRef } from '../github/repository-ref.ts';
import { safePathSegment as safeName } from '../journal/job-paths.ts';
import { git, type GitEnv } from './git.ts';
import { readWorktreeEntry, type WorktreeEntry } from './worktree-entry.ts';
import { describeError } from '../../../shared/describe-error.ts';

export class WorkspaceBusyError extends Error {
  constructor(branch: string) {
    super(`another job is working on ${branch} right now`);
    this.name = 'WorkspaceBusyError';
  }
}

export interface PlacedWorktree {
  readonly path: string;
  readonly entry: WorktreeEntry;
}

export class WorktreePool {
  readonly #dataDir: string;
  readonly #env: GitEnv;
  readonly #max: number;
  readonly #isActive: (path: string) => boolean;
  readonly #idle = new Map<string, string[]>();
  readonly #discovered = new Set<string>();

  constructor(input: {
    readonly dataDir: string;
    readonly env: GitEnv;
    /** Idle worktrees kept per repository. */
    readonly max: number;
    /** Whether a running job holds the worktree at `path`. */
    readonly isActive: (path: string) => boolean;
  }) {
    this.#dataDir = input.dataDir;
    this.#env = input.env;
    this.#max = input.max;
    this.#isActive = input.isActive;
  }

  /** A worktree on `branch` at `baseSha`: an idle one when there is one, else a new one. */
  async take(
    repository: RepositoryRef,
    cloneDir: string,
    branch: string,
    baseSha: string,
    signal?: AbortSignal,
  ): Promise<PlacedWorktree> {
    await removeStaleRefLock(cloneDir, branch);
    const placed =
      (await this.#reuse(repository, cloneDir, branch, baseSha, signal)) ??
      (await this.#add(repository, cloneDir, branch, baseSha, signal));
    await writeFile(busyMarker(placed.path), `${process.pid}\n`);
    return placed;
  }

  /** The job that used the worktree has settled: it may be reused (see giveBack) from now on. */
  async settled(path: string): Promise<void> {
    await rm(busyMarker(path), { force: true });
  }

  /** Keeps a finished (detached) worktree for the next job, or removes it when the pool is full. */
  async giveBack(cloneDir: string, path: string): Promise<void> {
    await this.settled(path);
    const idle = this.#list(cloneDir);
    if (idle.length < this.#max) idle.push(path);
    else await this.remove(cloneDir, path);
  }

  /** Removes a worktree; `viaGit` false when its `.git` cannot be trusted (then only the files go). */
  async remove(cloneDir: string, path: string, viaGit = true): Promise<void> {
    if (viaGit) {
      await git(['worktree', 'remove', '--force', path], { gitDir: cloneDir, env: this.#env }).catch(
        () => undefined,
      );
    }
    await rm(path, { recursive: true, force: true });
    await this.settled(path);
  }

  /** Forgets a replaced clone's idle worktrees (their registrations went with it). */
  forget(cloneDir: string): void {
    this.#idle.delete(cloneDir);
    this.#discovered.delete(cloneDir);
  }

  /** Deletes every worktree of the repository no running job holds. */
  async clear(repository: RepositoryRef, cloneDir: string): Promise<void> {
    this.forget(cloneDir);
    const dir = this.#dir(repository);
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const path = join(dir, name);
      if (!this.#isActive(path)) await rm(path, { recursive: true, force: true });
    }
  }

  async #reuse(
    repository: RepositoryRef,
    cloneDir: string,
    branch: string,
    baseSha: string,
    signal?: AbortSignal,
  ): Promise<PlacedWorktree | null> {
    const idle = this.#list(cloneDir);
    if (!this.#discovered.has(cloneDir)) {
      // Idle worktrees from an earlier run of the app. A crash may have left one on a job's branch:
      // detach it, so that branch is free again.
      this.#discovered.add(cloneDir);
      const dir = this.#dir(repository);
      let unsettled = false;
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        const path = join(dir, name);
        if (name.endsWith(BUSY_SUFFIX) || this.#isActive(path) || idle.includes(path)) continue;
        if (await exists(busyMarker(path))) {
          // Its job never settled: whatever ran there may have left anything behind.
          await this.remove(cloneDir, path, false);
          unsettled = true;
          continue;
        }
        const entry = await readWorktreeEntry(cloneDir, path);
        if (!entry) {
          await this.remove(cloneDir, path, false);
          continue;
        }
        await git(['checkout', '--quiet', '--detach'], {
          gitDir: entry.gitDir,
          workTree: path,
          env: this.#env,
        }).then(
          () => idle.push(path),
          () => this.remove(cloneDir, path),
        );
      }
      // Frees the branches the discarded worktrees held (their registrations outlived them).
      if (unsettled)
        await git(['worktree', 'prune'], { gitDir: cloneDir, env: this.#env }).catch(() => undefined);
    }
    while (idle.length > 0) {
      const path = idle.pop()!;
      const entry = await readWorktreeEntry(cloneDir, path);
      if (!entry) {
        await this.remove(cloneDir, path, false);
        continue;
      }
      const repo = { gitDir: entry.gitDir, workTree: path, env: this.#env, signal };
      try {
        await git(['checkout', '--quiet', '--force', '--no-track', '-B', branch, baseSha], repo);
        await git(['clean', '-ffdxq'], repo);
        return { path, entry };
      } catch (error) {
        if (isBusy(error)) {
          idle.push(path);
          throw new WorkspaceBusyError(branch);
        }
        signal?.throwIfAborted();
        await this.remove(cloneDir, path);
      }
    }
    return null;
  }

  async #add(
    repository: RepositoryRef,
    cloneDir: string,
    branch: string,
    baseSha: string,
    signal?: AbortSignal,
  ): Promise<PlacedWorktree> {
    const dir = this.#dir(repository);
    await mkdir(dir, { recursive: true });
    const path = join(dir, `w-${randomBytes(4).toString('hex')}`);
    try {
      await git(['worktree', 'add', '--quiet', '--no-track', '-B', branch, path, baseSha], {
        gitDir: cloneDir,
        env: this.#env,
        signal,
      });
    } catch (error) {
      await rm(path, { recursive: true, force: true });
      if (isBusy(error)) throw new WorkspaceBusyError(branch);
      throw error;
    }
    const entry = await readWorktreeEntry(cloneDir, path);
    if (!entry) {
      await this.remove(cloneDir, path, false);
      throw new Error(`git made a worktree at ${path} that does not point back at ${cloneDir}`);
    }
    return { path, entry };
  }

  #list(cloneDir: string): string[] {
    let list = this.#idle.get(cloneDir);
    if (!list) this.#idle.set(cloneDir, (list = []));
    return list;
  }

  #dir(repository: RepositoryRef): string {
    const name = `${safeName(repository.owner)}__${safeName(repository.repo)}`;
    return join(this.#dataDir, 'worktrees', '.pool', name);
  }
}

const BUSY_SUFFIX = '.busy';

/**
 * An agent killed with its worker in the middle of a commit leaves the branch's ref locked, and
 * every later job on that issue would fail to take the branch. A lock older than this process
 * can only be such a leftover (this worker's own jobs on the branch are kept apart by WorkspaceBusyError).
 */
async function removeStaleRefLock(cloneDir: string, branch: string): Promise<void> {
  const lock = join(cloneDir, 'refs', 'heads', `${branch}.lock`);
  const info = await stat(lock).catch(() => null);
  if (info && info.mtimeMs < Date.now() - process.uptime() * 1000) await rm(lock, { force: true });
}

function busyMarker(path: string): string {
  return `${path}${BUSY_SUFFIX}`;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function isBusy(error: unknown): boolean {
  return /already (checked out|used by worktree)/i.test(describeError(error));
}
