/**
 * Moves a job's new commits onto a newer base: `git rebase --onto <newBase> <oldBase>` in the
 * worktree, with the worker's identity (hooks and signing are off for every git call, git.ts).
 * For a review round whose pull request's head moved while the agent ran. A conflict is not
 * resolved here: the rebase is aborted, the worktree is left as it was, and false is returned.
 * Fails with GitError for anything else.
 */
import { identityConfig } from './commit-changes.ts';
import { git, GitError, type WorktreeRepository } from './git.ts';
import type { GitIdentity } from './workspaces.ts';

export async function rebaseOnto(
  repo: WorktreeRepository,
  identity: GitIdentity,
  input: { readonly newBase: string; readonly oldBase: string; readonly signal?: AbortSignal },
): Promise<boolean> {
  const { newBase, oldBase, signal } = input;
  for (const sha of [newBase, oldBase]) {
    if (!/^[0-9a-f]{40,64}$/.test(sha))
      throw new GitError('rebase', null, `not a commit id: ${sha.slice(0, 80)}`);
  }
  try {
    await git(
      [...identityConfig(identity), 'rebase', '--quiet', '--no-autostash', '--onto', newBase, oldBase],
      {
        ...repo,
        signal,
      },
    );
    return true;
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    await git(['rebase', '--abort'], { ...repo, signal }).catch(() => undefined);
    return false;
  }
}
