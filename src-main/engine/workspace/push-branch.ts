/**
 * Pushes the job's branch. Over HTTPS the token comes from GIT_ASKPASS (never a URL, config or
 * argument). The push only replaces what was on the remote when the job fetched
 * (--force-with-lease), so an earlier failed attempt's branch is overwritten but someone else's
 * newer push is not. Fails with GitError ("stale info" when the branch moved meanwhile).
 */
import { git, GitError, type GitEnv } from './git.ts';

export async function pushBranch(input: {
  readonly cwd: string;
  readonly env: GitEnv;
  readonly branch: string;
  /** The branch's commit on the remote when fetched, or null when it did not exist. */
  readonly expectedRemoteSha: string | null;
  readonly signal?: AbortSignal;
}): Promise<void> {
  const ref = `refs/heads/${input.branch}`;
  const push = git(
    [
      'push',
      '--porcelain',
      '--no-verify',
      `--force-with-lease=${ref}:${input.expectedRemoteSha ?? ''}`,
      'origin',
      `HEAD:${ref}`,
    ],
    { cwd: input.cwd, env: input.env, signal: input.signal },
  );
  await push.catch((error: unknown) => {
    if (
      error instanceof GitError &&
      /\[rejected\].*(stale info|fetch first|non-fast-forward)/.test(error.stdout)
    ) {
      throw new GitError(
        'push',
        error.exitCode,
        `${input.branch} changed on the remote after the job fetched it (someone else pushed); it was not overwritten`,
        error.stdout,
      );
    }
    throw error;
  });
}
