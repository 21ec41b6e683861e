/**
 * Agents read configuration from the repository they work on, and some of it runs programs or
 * sends the user's keys elsewhere: Aider's `.env` and `.aider*.yml/json` (an API base URL, a test
 * command), Claude Code's `.claude/` (hooks, permissions, an API key helper) and `.mcp.json` (MCP
 * servers it starts), Codex's `.codex/` (config, hooks, MCP servers, rules). Instructions such as
 * CLAUDE.md or AGENTS.md stay: they are text for the model, not configuration.
 *
 * While the agent runs, such files and folders from the repository are moved into the job folder
 * and hidden from git (skip-worktree), then put back before anything is committed: what the agent
 * wrote under the same names stays (it is the agent's change), the rest of the originals return.
 */
import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { WorkerConfig } from '../config/worker-config.ts';
import { git, type WorktreeRepository } from '../workspace/git.ts';

export const AIDER_CONFIG_FILES = [
  '.env',
  '.aider.conf.yml',
  '.aider.model.settings.yml',
  '.aider.model.metadata.json',
] as const;

/** What each preset reads from the repository and must not see. A custom agent is unknown. */
export function repositoryConfigFor(preset: WorkerConfig['agent']['preset']): readonly string[] {
  switch (preset) {
    case 'aider':
      return AIDER_CONFIG_FILES;
    case 'claude-code':
      return ['.claude', '.mcp.json'];
    case 'codex':
      return ['.codex'];
    case 'custom':
      return [];
  }
}

export interface HiddenConfig {
  readonly files: readonly string[];
  restore(): Promise<void>;
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** Tracked files at or under `name`. */
async function trackedFiles(repo: WorktreeRepository, name: string): Promise<string[]> {
  const listed = await git(['ls-files', '-z', '--', name], repo);
  return listed.stdout.split('\0').filter((file) => file.length > 0);
}

async function setSkipWorktree(repo: WorktreeRepository, files: readonly string[], on: boolean) {
  for (let i = 0; i < files.length; i += 200) {
    await git(
      ['update-index', on ? '--skip-worktree' : '--no-skip-worktree', '--', ...files.slice(i, i + 200)],
      { ...repo, okExitCodes: on ? [] : [1, 128] },
    );
  }
}

export async function hideRepositoryConfig(
  repo: WorktreeRepository,
  jobDir: string,
  names: readonly string[],
): Promise<HiddenConfig> {
  const hiddenDir = join(jobDir, 'hidden-repo-config');
  const hidden: { name: string; tracked: string[] }[] = [];
  for (const name of names) {
    if (!(await exists(join(repo.workTree, name)))) continue;
    await mkdir(hiddenDir, { recursive: true, mode: 0o700 });
    const tracked = await trackedFiles(repo, name);
    if (tracked.length > 0) await setSkipWorktree(repo, tracked, true);
    await rm(join(hiddenDir, name), { recursive: true, force: true });
    await rename(join(repo.workTree, name), join(hiddenDir, name));
    hidden.push({ name, tracked });
  }
  return {
    files: hidden.map((entry) => entry.name),
    async restore() {
      for (const { name, tracked } of hidden) {
        await setSkipWorktree(repo, tracked, false);
        await putBack(join(hiddenDir, name), join(repo.workTree, name));
      }
    },
  };
}

/** Moves `from` back to `to`; where the agent made something of the same name, its version stays. */
async function putBack(from: string, to: string): Promise<void> {
  const target = await lstat(to).catch(() => null);
  if (!target) {
    await mkdir(dirname(to), { recursive: true });
    await rename(from, to);
    return;
  }
  const source = await lstat(from).catch(() => null);
  if (source?.isDirectory() && target.isDirectory()) {
    for (const child of await readdir(from)) await putBack(join(from, child), join(to, child));
  }
}
