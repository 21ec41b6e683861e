/**
 * The cached clone's config file, which every worktree of the clone (and every git call on it)
 * reads: the worker writes it, and before each use checks that it holds nothing but what the
 * worker wrote and what git itself records when it creates a repository. Anything else — a push
 * URL, an fsmonitor or filter program, an include, url.*.insteadOf — means the clone is no longer
 * the worker's, and it is replaced by a fresh one.
 */
import { git, type GitEnv } from './git.ts';

/** The fetch refspec every clone has: the server's branches as origin/*. */
export const FETCH_REFSPEC = '+refs/heads/*:refs/remotes/origin/*';

const BOOLEAN = /^(?:true|false)$/;

/** What a key may hold; keys are as `git config --list` prints them (section and name lowercase). */
function allowedSettings(remoteUrl: string): ReadonlyMap<string, (value: string) => boolean> {
  return new Map<string, (value: string) => boolean>([
    // Written by git when it creates the repository (ignorecase and precomposeunicode on macOS).
    ['core.repositoryformatversion', (v) => v === '0'],
    ['core.filemode', (v) => BOOLEAN.test(v)],
    ['core.bare', (v) => v === 'true'],
    ['core.ignorecase', (v) => BOOLEAN.test(v)],
    ['core.precomposeunicode', (v) => BOOLEAN.test(v)],
    ['core.logallrefupdates', (v) => BOOLEAN.test(v)],
    // Written by the worker.
    ['core.symlinks', (v) => v === 'false'],
    ['remote.origin.url', (v) => v === remoteUrl],
    ['remote.origin.fetch', (v) => v === FETCH_REFSPEC],
    ['checkout.workers', (v) => v === '0'],
  ]);
}

/** Settings the worker adds to a new clone. */
export async function writeCloneConfig(gitDir: string, env: GitEnv, signal?: AbortSignal): Promise<void> {
  const config = (key: string, value: string) => git(['config', key, value], { gitDir, env, signal });
  // Worktrees check symlinks out as plain files; the agent's own git must see them the same way.
  await config('core.symlinks', 'false');
  await config('remote.origin.fetch', FETCH_REFSPEC);
  await config('checkout.workers', '0');
}

/**
 * What in the clone's config file the worker did not put there, as "key=value" lines (values
 * shortened); empty when the file is as the worker left it.
 */
export async function unexpectedCloneConfig(
  gitDir: string,
  env: GitEnv,
  remoteUrl: string,
  signal?: AbortSignal,
): Promise<string[]> {
  // --file reads that one file only, and does not follow include directives.
  const listed = await git(['config', '--file', `${gitDir}/config`, '--list', '-z'], {
    gitDir,
    env,
    signal,
  });
  const allowed = allowedSettings(remoteUrl);
  const seen = new Map<string, number>();
  const problems: string[] = [];
  for (const entry of listed.stdout.split('\0')) {
    if (entry.length === 0) continue;
    const newline = entry.indexOf('\n');
    const key = newline < 0 ? entry : entry.slice(0, newline);
    const value = newline < 0 ? '' : entry.slice(newline + 1);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    const check = allowed.get(key);
    if (!check || !check(value) || seen.get(key)! > 1) {
      problems.push(`${key}=${value.length > 80 ? `${value.slice(0, 80)}…` : value}`);
    }
  }
  for (const required of ['core.bare', 'core.symlinks', 'remote.origin.url', 'remote.origin.fetch']) {
    if (!seen.has(required)) problems.push(`${required} is missing`);
  }
  return problems;
}
