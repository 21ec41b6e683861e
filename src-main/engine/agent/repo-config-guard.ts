/**
 * Aider reads `.env` and `.aider*.yml/json` from the repository root and lets them override its
 * settings and the environment (an API base URL that sends the user's model key elsewhere, a test
 * command to run). While Aider runs, such files from the repository are moved into the job folder
 * and hidden from git (skip-worktree), then put back before anything is committed.
 */
import { mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { git, type GitEnv } from '../workspace/git.ts';

export const AIDER_CONFIG_FILES = [
  '.env',
  '.aider.conf.yml',
  '.aider.model.settings.yml',
  '.aider.model.metadata.json',
] as const;

export interface HiddenConfig {
  readonly files: readonly string[];
  restore(): Promise<void>;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export async function hideRepositoryConfig(
  worktree: string,
  jobDir: string,
  env: GitEnv,
): Promise<HiddenConfig> {
  const hiddenDir = join(jobDir, 'hidden-repo-config');
  const files: string[] = [];
  for (const name of AIDER_CONFIG_FILES) {
    if (!(await exists(join(worktree, name)))) continue;
    await mkdir(hiddenDir, { recursive: true });
    const tracked = await git(['ls-files', '--error-unmatch', '--', name], {
      cwd: worktree,
      env,
      okExitCodes: [1],
    });
    if (tracked.exitCode === 0)
      await git(['update-index', '--skip-worktree', '--', name], { cwd: worktree, env });
    await rename(join(worktree, name), join(hiddenDir, name));
    files.push(name);
  }
  return {
    files,
    async restore() {
      for (const name of files) {
        await git(['update-index', '--no-skip-worktree', '--', name], {
          cwd: worktree,
          env,
          okExitCodes: [1, 128],
        });
        // If the agent wrote a file of that name itself, its version stays (it is the agent's change).
        if (!(await exists(join(worktree, name)))) await rename(join(hiddenDir, name), join(worktree, name));
      }
    },
  };
}
