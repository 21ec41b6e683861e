/**
 * Pushes the job's commit to its branch: to a URL the worker builds from its own config (never a
 * remote name, whose URL a config file could change), with an explicit refspec
 * (<commit>:refs/heads/<branch>), from the worktree's git folder named explicitly. Over HTTPS the
 * token comes from GIT_ASKPASS (never a URL, config or argument). The push only replaces what was
 * on the server when the job fetched (--force-with-lease), so an earlier failed attempt's branch
 * is overwritten but someone else's newer push is not. Fails with GitError ("changed on the
 * remote" when the branch moved meanwhile).
 *
 * A review round pushes with `fastForwardOnly`: no lease, no force of any kind, so git itself
 * refuses anything but new commits on top of what the branch holds (BranchMovedError otherwise).
 */
import { git, GitError, type GitEnv } from './git.ts';

/** The branch on the server is not where the job expected it: someone pushed meanwhile. */
export class BranchMovedError extends GitError {
  constructor(exitCode: number | null, message: string, stdout: string) {
    super('push', exitCode, message, stdout);
    this.name = 'BranchMovedError';
  }
}

export async function pushBranch(input: {
  /** A git folder that has the commit (the worktree's). */
  readonly gitDir: string;
  /** Environment with the askpass settings (see networkEnvironment). */
  readonly env: GitEnv;
  readonly url: string;
  readonly protocols: readonly string[];
  /** The commit to push. */
  readonly commit: string;
  readonly branch: string;
  /** The branch's commit on the server when fetched, or null when it did not exist. */
  readonly expectedRemoteSha: string | null;
  /** Push only commits on top of the remote branch: never a force, not even with a lease. */
  readonly fastForwardOnly?: boolean;
  readonly signal?: AbortSignal;
}): Promise<void> {
  const ref = `refs/heads/${input.branch}`;
  if (!/^[0-9a-f]{40,64}$/.test(input.commit)) {
    throw new GitError('push', null, `not a commit id: ${input.commit.slice(0, 80)}`);
  }
  const push = git(
    [
      'push',
      '--porcelain',
      '--no-verify',
      ...(input.fastForwardOnly ? [] : [`--force-with-lease=${ref}:${input.expectedRemoteSha ?? ''}`]),
      '--',
      input.url,
      `${input.commit}:${ref}`,
    ],
    { gitDir: input.gitDir, env: input.env, protocols: input.protocols, signal: input.signal },
  );
  await push.catch((error: unknown) => {
    if (
      error instanceof GitError &&
      /\[rejected\].*(stale info|fetch first|non-fast-forward)/.test(error.stdout)
    ) {
      throw new BranchMovedError(
        error.exitCode,
        `${input.branch} changed on the remote after the job fetched it (someone else pushed); it was not overwritten`,
        error.stdout,
      );
    }
    throw error;
  });
}
