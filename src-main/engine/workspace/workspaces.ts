/**
 * Where jobs work: one cached bare clone per repository (refreshed with `git fetch`) and one git
 * worktree per job on the branch, started from the default branch. Clone, fetch and
 * worktree changes of one repository are serialised; jobs on different repositories do not wait.
 *
 * After a successful job its worktree goes back to a small per-repository pool (worktree-pool.ts).
 * A failed job's worktree is kept for inspection instead, up to `keepFailed` of them (the oldest
 * beyond that are deleted); one the agent tampered with is deleted.
 *
 * The agent can write anywhere in its worktree, including the `.git` entry, and (as the same
 * user) into the clone. So the worker never lets git find a repository by itself: every call
 * names the git folder (and work tree) the worker recorded; the clone's config is checked
 * against what the worker wrote before each use (see clone-config.ts); a pooled worktree is
 * reused only when its `.git` is still the file git made; the files that steer git are hashed
 * around the agent's run (see integrity.ts); and fetch and push go to a URL the worker builds
 * from its own config, never to a remote name.
 *
 * Fails with GitError (network, remote missing), or WorkspaceBusyError when another running job
 * holds the same issue's branch.
 */
import { readdir, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { RepositoryRef } from '../github/repository-ref.ts';
import { safePathSegment as safeName } from '../journal/job-paths.ts';
import { cloneDirectory, discardClone, exists, refreshClone } from './clone-cache.ts';
import { git, gitEnvironment, type GitEnv, type WorktreeRepository } from './git.ts';
import { GitRemote } from './git-remote.ts';
import {
  checkIntegrity,
  guardedPaths,
  takeSnapshot,
  type IntegrityReport,
  type IntegritySnapshot,
} from './integrity.ts';
import { KeyedLock } from './keyed-lock.ts';
import { pushBranch } from './push-branch.ts';
import type { WorktreeEntry } from './worktree-entry.ts';
import { WorktreePool } from './worktree-pool.ts';

export { WorkspaceBusyError } from './worktree-pool.ts';

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
  /** The worktree's git folder (<clone>/worktrees/<name>) and its `.git` file as git wrote it. */
  readonly entry: WorktreeEntry;
  /** What had to be repaired before the job could start (a clone replaced), for the job log. */
  readonly notes: readonly string[];
}

export class Workspaces {
  readonly #options: WorkspacesOptions;
  readonly #lock = new KeyedLock();
  readonly #active = new Set<string>();
  readonly #pool: WorktreePool;
  readonly #env: GitEnv;
  readonly #server: GitRemote;

  constructor(options: WorkspacesOptions) {
    this.#options = options;
    this.#env = gitEnvironment(options.environment);
    this.#server = new GitRemote({
      serverUrl: options.serverUrl,
      token: options.token,
      env: this.#env,
      dataDir: options.dataDir,
    });
    this.#pool = new WorktreePool({
      dataDir: options.dataDir,
      env: this.#env,
      max: options.idleWorktrees ?? 2,
      isActive: (path) => this.#active.has(path),
    });
  }

  /** Git's environment (no token). */
  get gitEnv(): GitEnv {
    return this.#env;
  }

  /** How to address a job's worktree in git calls: both folders named, never discovered. */
  repository(worktree: Worktree): WorktreeRepository {
    return { gitDir: worktree.entry.gitDir, workTree: worktree.path, env: this.#env };
  }

  /** The repository's URL on the server, built from the config. */
  remoteUrl(repository: RepositoryRef): string {
    return this.#server.url(repository);
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
    const cloneDir = cloneDirectory(this.#options.dataDir, repository);
    return this.#lock.run(cloneDir, async () => {
      signal?.throwIfAborted();
      const { dataDir } = this.#options;
      const env = this.#env;
      const notes = await refreshClone({ server: this.#server, repository, cloneDir, dataDir, env, signal });
      if (notes.length > 0) this.#pool.forget(cloneDir);
      const opts = { gitDir: cloneDir, env: this.#env, signal };
      await git(['worktree', 'prune'], opts);
      const baseRef = `refs/remotes/origin/${input.baseBranch}`;
      const baseSha = (await git(['rev-parse', '--verify', '-q', `${baseRef}^{commit}`], opts)).stdout.trim();
      const remote = await git(['rev-parse', '--verify', '-q', `refs/remotes/origin/${branch}`], {
        ...opts,
        okExitCodes: [1],
      });
      const placed = await this.#pool.take(repository, cloneDir, branch, baseSha, signal);
      this.#active.add(placed.path);
      return {
        jobId: input.jobId,
        repository,
        path: placed.path,
        branch,
        baseBranch: input.baseBranch,
        baseSha,
        remoteBranchSha: remote.stdout.trim() || null,
        cloneDir,
        entry: placed.entry,
        notes,
      };
    });
  }

  /** Hashes what the agent must not change (see integrity.ts); call right before the agent starts. */
  async snapshot(worktree: Worktree): Promise<IntegritySnapshot> {
    const askpass = this.#server.askpassPath;
    return takeSnapshot(guardedPaths(worktree.cloneDir, worktree.entry.gitDir, askpass));
  }

  /** What changed since the snapshot; call right after the agent ends, before any git call. */
  async check(worktree: Worktree, snapshot: IntegritySnapshot): Promise<IntegrityReport> {
    return checkIntegrity(snapshot, { path: worktree.path, entry: worktree.entry });
  }

  /**
   * Pushes `commit` to the job's branch on the server, at the URL built from the config. Only
   * after `check` found nothing changed.
   */
  async push(
    worktree: Worktree,
    commit: string,
    signal?: AbortSignal,
    options: { readonly fastForwardOnly?: boolean } = {},
  ): Promise<void> {
    await pushBranch({
      ...options,
      gitDir: worktree.entry.gitDir,
      env: await this.#server.networkEnv(),
      url: this.#server.url(worktree.repository),
      protocols: this.#server.protocols,
      commit,
      branch: worktree.branch,
      expectedRemoteSha: worktree.remoteBranchSha,
      signal,
    });
  }

  /**
   * Fetches the repository again and returns where `branch` now stands on the server (null:
   * absent): for a review round whose push found the pull request's head had moved.
   */
  async refetch(worktree: Worktree, branch: string, signal?: AbortSignal): Promise<string | null> {
    const { cloneDir, repository } = worktree;
    return this.#lock.run(cloneDir, async () => {
      const { dataDir } = this.#options;
      const env = this.#env;
      await refreshClone({ server: this.#server, repository, cloneDir, dataDir, env, signal });
      const found = await git(['rev-parse', '--verify', '-q', `refs/remotes/origin/${branch}^{commit}`], {
        gitDir: cloneDir,
        env,
        signal,
        okExitCodes: [1],
      });
      return found.stdout.trim() || null;
    });
  }

  /**
   * Deletes the worktree's cached clone (and its idle worktrees), so the next job clones afresh:
   * for a clone something changed behind the worker's back. Jobs still using it fail and retry.
   */
  async quarantine(worktree: Worktree): Promise<void> {
    const { cloneDir, repository } = worktree;
    await this.#lock.run(cloneDir, async () => {
      await discardClone(this.#options.dataDir, cloneDir);
      await this.#pool.clear(repository, cloneDir);
    });
  }

  /**
   * Ends the job's use of its worktree. `discard` (the agent tampered with it): deleted without
   * running git in it. `keep` (a failed job): it moves to <dataDir>/worktrees/<jobId> for
   * inspection, detached so the branch is free. Otherwise it goes back to the idle pool (or is
   * removed when the pool is full).
   */
  async release(
    worktree: Worktree,
    options: { readonly keep: boolean; readonly discard?: boolean },
  ): Promise<void> {
    const { cloneDir } = worktree;
    await this.#lock.run(cloneDir, async () => {
      const opts = { gitDir: cloneDir, env: this.#env };
      const cloneExists = await exists(join(cloneDir, 'HEAD'));
      try {
        if (options.discard || !cloneExists) {
          await rm(worktree.path, { recursive: true, force: true });
        } else {
          await git(['checkout', '--detach', '--quiet'], this.repository(worktree)).catch(() => undefined);
          if (options.keep) {
            const target = this.worktreePath(worktree.jobId);
            await rm(target, { recursive: true, force: true });
            try {
              await git(['worktree', 'move', worktree.path, target], opts);
              await stampNow(target);
            } catch {
              await this.#pool.remove(cloneDir, worktree.path);
            }
          } else {
            await this.#pool.giveBack(cloneDir, worktree.path);
          }
        }
        if (cloneExists) {
          // Prune first: a deleted worktree's registration would still hold the branch.
          await git(['worktree', 'prune'], opts).catch(() => undefined);
          await git(['branch', '-D', worktree.branch], { ...opts, okExitCodes: [1] }).catch(() => undefined);
        }
      } finally {
        this.#active.delete(worktree.path);
        await this.#pool.settled(worktree.path);
      }
      await this.#pruneFailed();
      if (cloneExists) await git(['worktree', 'prune'], opts).catch(() => undefined);
    });
  }

  /** Where a failed job's worktree is kept. */
  worktreePath(jobId: string): string {
    return join(this.#options.dataDir, 'worktrees', safeName(jobId));
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

async function stampNow(path: string): Promise<void> {
  const now = new Date();
  await utimes(path, now, now).catch(() => undefined);
}
