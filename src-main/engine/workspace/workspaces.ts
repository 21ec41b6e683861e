/**
 * Where jobs work: one cached bare clone per repository (refreshed with `git fetch`) and one git
 * worktree per job on the branch, started from the default branch. Clone, fetch and
 * worktree changes of one repository are serialised; jobs on different repositories do not wait.
 *
 * After a successful job its worktree goes back to a small per-repository pool: the next job
 * checks out its branch there, which rewrites only the files that differ (a fresh checkout of a
 * big repository costs seconds). A failed job's worktree is kept for inspection instead, up to
 * `keepFailed` of them (the oldest beyond that are deleted).
 *
 * Fails with GitError (network, remote missing), or WorkspaceBusyError when another running job
 * holds the same issue's branch.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RepositoryRef } from '../github/repository-ref.ts';
import { safePathSegment as safeName } from '../journal/job-paths.ts';
import { ensureAskpassScript } from './askpass.ts';
import { git, gitEnvironment, networkEnvironment, type GitEnv } from './git.ts';
import { KeyedLock } from './keyed-lock.ts';

export interface GitIdentity {
  readonly name: string;
  readonly email: string;
}

export interface WorkspacesOptions {
  /** Root of the app's data: clones go to <dataDir>/repos, worktrees to <dataDir>/worktrees. */
  readonly dataDir: string;
  /** e.g. https://github.com, or file:///… for local bare repositories in tests. */
  readonly serverUrl: string;
  /** The worker's environment; git gets only PATH, HOME, proxies and CA settings from it. */
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** Used over HTTPS through GIT_ASKPASS; null for public or file:// remotes. */
  readonly token: string | null;
  /** How many failed jobs' worktrees to keep for inspection. Default 3. */
  readonly keepFailed?: number;
  /** Finished worktrees kept per repository for reuse (a checkout of a big repo is slow). Default 2. */
  readonly idleWorktrees?: number;
}

export interface Worktree {
  readonly jobId: string;
  readonly repository: RepositoryRef;
  readonly path: string;
  readonly branch: string;
  readonly baseBranch: string;
  /** The commit the branch started from. */
  readonly baseSha: string;
  /** Where the branch stood on the remote at fetch time (null: absent), for --force-with-lease. */
  readonly remoteBranchSha: string | null;
  readonly cloneDir: string;
}

export class WorkspaceBusyError extends Error {
  constructor(branch: string) {
    super(`another job is working on ${branch} right now`);
    this.name = 'WorkspaceBusyError';
  }
}

/** Under <dataDir>/worktrees: the pool of reusable worktrees (job ids never start with a dot). */
const POOL_DIR = '.pool';

/** Files agents leave in a repository that must never be committed. */
const EXCLUDES = ['.aider*', '.codingworker*'];

export class Workspaces {
  readonly #options: WorkspacesOptions;
  readonly #lock = new KeyedLock();
  readonly #active = new Set<string>();
  /** Finished jobs' worktrees per cached clone, ready for the next job on that repository. */
  readonly #idle = new Map<string, string[]>();
  readonly #discovered = new Set<string>();
  readonly #env: GitEnv;
  #askpass: Promise<string> | null = null;

  constructor(options: WorkspacesOptions) {
    this.#options = options;
    this.#env = gitEnvironment(options.environment);
  }

  /** Git's environment (no token), for verbs run inside a worktree. */
  get gitEnv(): GitEnv {
    return this.#env;
  }

  /** Git's environment for verbs that reach the remote. */
  async networkEnv(): Promise<GitEnv> {
    this.#askpass ??= ensureAskpassScript(join(this.#options.dataDir, 'bin'));
    const askpass = await this.#askpass.catch((error: unknown) => {
      this.#askpass = null;
      throw error;
    });
    return networkEnvironment(this.#env, askpass, this.#options.token);
  }

  remoteUrl(repository: RepositoryRef): string {
    return `${this.#options.serverUrl.replace(/\/+$/, '')}/${repository.owner}/${repository.repo}.git`;
  }

  /**
   * Fetches (or clones) the repository and gives the job a worktree on `branch`, started from the
   * default branch: a finished job's worktree when one is idle (only changed files are rewritten,
   * untracked and ignored files are removed), else a new one.
   */
  async prepare(input: {
    readonly repository: RepositoryRef;
    readonly jobId: string;
    readonly branch: string;
    readonly baseBranch: string;
    readonly signal?: AbortSignal;
  }): Promise<Worktree> {
    const { repository, branch, signal } = input;
    const cloneDir = this.#cloneDir(repository);
    const netEnv = await this.networkEnv();
    return this.#lock.run(cloneDir, async () => {
      signal?.throwIfAborted();
      await this.#refreshClone(repository, cloneDir, netEnv, signal);
      const opts = { cwd: cloneDir, env: this.#env, signal };
      await git(['worktree', 'prune'], opts);
      const baseRef = `refs/remotes/origin/${input.baseBranch}`;
      const baseSha = (await git(['rev-parse', '--verify', '-q', `${baseRef}^{commit}`], opts)).stdout.trim();
      const remote = await git(['rev-parse', '--verify', '-q', `refs/remotes/origin/${branch}`], {
        ...opts,
        okExitCodes: [1],
      });
      const path =
        (await this.#reuse(repository, cloneDir, branch, baseSha, signal)) ??
        (await this.#add(repository, cloneDir, branch, baseSha, signal));
      this.#active.add(path);
      return {
        jobId: input.jobId,
        repository,
        path,
        branch,
        baseBranch: input.baseBranch,
        baseSha,
        remoteBranchSha: remote.stdout.trim() || null,
        cloneDir,
      };
    });
  }

  /**
   * Ends the job's use of its worktree. `keep` (a failed job): it moves to <dataDir>/worktrees/<jobId>
   * for inspection, detached so the branch is free. Otherwise it goes back to the idle pool (or is
   * removed when the pool is full).
   */
  async release(worktree: Worktree, options: { readonly keep: boolean }): Promise<void> {
    await this.#lock.run(worktree.cloneDir, async () => {
      const opts = { cwd: worktree.cloneDir, env: this.#env };
      try {
        await git(['checkout', '--detach', '--quiet'], { ...opts, cwd: worktree.path }).catch(
          () => undefined,
        );
        if (options.keep) {
          const target = this.worktreePath(worktree.jobId);
          await rm(target, { recursive: true, force: true });
          try {
            await git(['worktree', 'move', worktree.path, target], opts);
            await stampNow(target);
          } catch {
            await this.#remove(worktree.cloneDir, worktree.path);
          }
        } else {
          const idle = this.#idleList(worktree.cloneDir);
          if (idle.length < (this.#options.idleWorktrees ?? 2)) idle.push(worktree.path);
          else await this.#remove(worktree.cloneDir, worktree.path);
        }
        await git(['branch', '-D', worktree.branch], { ...opts, okExitCodes: [1] }).catch(() => undefined);
      } finally {
        this.#active.delete(worktree.path);
      }
      await this.#pruneFailed();
      await git(['worktree', 'prune'], opts).catch(() => undefined);
    });
  }

  /** Where a failed job's worktree is kept. */
  worktreePath(jobId: string): string {
    return join(this.#options.dataDir, 'worktrees', safeName(jobId));
  }

  async #reuse(
    repository: RepositoryRef,
    cloneDir: string,
    branch: string,
    baseSha: string,
    signal?: AbortSignal,
  ): Promise<string | null> {
    const idle = this.#idleList(cloneDir);
    if (!this.#discovered.has(cloneDir)) {
      // Idle worktrees from an earlier run of the app.
      this.#discovered.add(cloneDir);
      const dir = this.#poolDir(repository);
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        const path = join(dir, name);
        if (this.#active.has(path) || idle.includes(path)) continue;
        // A crash may have left it on a job's branch: detach, so that branch is free again.
        await git(['checkout', '--quiet', '--detach'], { cwd: path, env: this.#env }).then(
          () => idle.push(path),
          () => this.#remove(cloneDir, path),
        );
      }
    }
    while (idle.length > 0) {
      const path = idle.pop()!;
      const opts = { cwd: path, env: this.#env, signal };
      try {
        await git(['checkout', '--quiet', '--force', '--no-track', '-B', branch, baseSha], opts);
        await git(['clean', '-ffdxq'], opts);
        return path;
      } catch (error) {
        if (isBusy(error)) {
          idle.push(path);
          throw new WorkspaceBusyError(branch);
        }
        signal?.throwIfAborted();
        await this.#remove(cloneDir, path);
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
  ): Promise<string> {
    const dir = this.#poolDir(repository);
    await mkdir(dir, { recursive: true });
    const path = join(dir, `w-${randomBytes(4).toString('hex')}`);
    try {
      await git(['worktree', 'add', '--quiet', '--no-track', '-B', branch, path, baseSha], {
        cwd: cloneDir,
        env: this.#env,
        signal,
      });
    } catch (error) {
      await rm(path, { recursive: true, force: true });
      if (isBusy(error)) throw new WorkspaceBusyError(branch);
      throw error;
    }
    return path;
  }

  async #remove(cloneDir: string, path: string): Promise<void> {
    await git(['worktree', 'remove', '--force', path], { cwd: cloneDir, env: this.#env }).catch(
      () => undefined,
    );
    await rm(path, { recursive: true, force: true });
  }

  #idleList(cloneDir: string): string[] {
    let list = this.#idle.get(cloneDir);
    if (!list) this.#idle.set(cloneDir, (list = []));
    return list;
  }

  #poolDir(repository: RepositoryRef): string {
    return join(
      this.#options.dataDir,
      'worktrees',
      POOL_DIR,
      `${safeName(repository.owner)}__${safeName(repository.repo)}`,
    );
  }

  #cloneDir(repository: RepositoryRef): string {
    return join(
      this.#options.dataDir,
      'repos',
      safeName(repository.owner),
      `${safeName(repository.repo)}.git`,
    );
  }

  async #refreshClone(repository: RepositoryRef, cloneDir: string, netEnv: GitEnv, signal?: AbortSignal) {
    const exists = await stat(join(cloneDir, 'HEAD')).then(
      () => true,
      () => false,
    );
    if (exists) {
      await git(['fetch', '--prune', '--quiet', 'origin'], { cwd: cloneDir, env: netEnv, signal });
      return;
    }
    // Clone next to the final place and rename, so a crash never leaves a half clone behind.
    const parent = join(cloneDir, '..');
    await mkdir(parent, { recursive: true });
    const temp = `${cloneDir}.partial-${process.pid}`;
    await rm(temp, { recursive: true, force: true });
    await git(['clone', '--bare', '--quiet', '--', this.remoteUrl(repository), temp], {
      cwd: parent,
      env: netEnv,
      signal,
    });
    const opts = { cwd: temp, env: this.#env, signal };
    await git(['config', 'remote.origin.fetch', '+refs/heads/*:refs/remotes/origin/*'], opts);
    await git(['config', 'checkout.workers', '0'], opts);
    await git(['fetch', '--prune', '--quiet', 'origin'], { ...opts, env: netEnv });
    await mkdir(join(temp, 'info'), { recursive: true });
    await writeFile(join(temp, 'info', 'exclude'), `${EXCLUDES.join('\n')}\n`);
    await rename(temp, cloneDir);
  }

  /** Deletes the oldest kept worktrees beyond the limit (their registrations are pruned later). */
  async #pruneFailed(): Promise<void> {
    const root = join(this.#options.dataDir, 'worktrees');
    const names = await readdir(root).catch(() => [] as string[]);
    const kept: { path: string; mtime: number }[] = [];
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const path = join(root, name);
      if (this.#active.has(path)) continue;
      const info = await stat(path).catch(() => null);
      if (info?.isDirectory()) kept.push({ path, mtime: info.mtimeMs });
    }
    kept.sort((a, b) => b.mtime - a.mtime);
    for (const old of kept.slice(this.#options.keepFailed ?? 3)) {
      await rm(old.path, { recursive: true, force: true });
    }
  }
}

function isBusy(error: unknown): boolean {
  return /already (checked out|used by worktree)/i.test(String((error as Error).message));
}

async function stampNow(path: string): Promise<void> {
  const now = new Date();
  await utimes(path, now, now).catch(() => undefined);
}
