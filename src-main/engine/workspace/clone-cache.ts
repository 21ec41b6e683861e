/**
 * The cached bare clone of each repository, under <dataDir>/repos/<owner>/<repo>.git: cloned once,
 * then fetched before each job — always from the URL the worker builds, into origin/*. A clone
 * whose config holds anything the worker did not write (see clone-config.ts) is deleted and
 * cloned again. Callers serialise calls per clone. Fails with GitError.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RepositoryRef } from '../github/repository-ref.ts';
import { safePathSegment as safeName } from '../journal/job-paths.ts';
import { FETCH_REFSPEC, unexpectedCloneConfig, writeCloneConfig } from './clone-config.ts';
import { git, type GitEnv } from './git.ts';
import type { GitRemote } from './git-remote.ts';

/** Files agents leave in a repository that must never be committed. */
const EXCLUDES = ['.aider*', '.codingworker*'];

export function cloneDirectory(dataDir: string, repository: RepositoryRef): string {
  return join(dataDir, 'repos', safeName(repository.owner), `${safeName(repository.repo)}.git`);
}

/**
 * Brings the clone at `cloneDir` up to date, cloning it when missing or replacing it when its
 * config was changed. Returns what was repaired, for the job log.
 */
export async function refreshClone(input: {
  readonly server: GitRemote;
  readonly repository: RepositoryRef;
  readonly cloneDir: string;
  readonly dataDir: string;
  readonly env: GitEnv;
  readonly signal?: AbortSignal;
}): Promise<string[]> {
  const { server, repository, cloneDir, env, signal } = input;
  const url = server.url(repository);
  const notes: string[] = [];
  if (await exists(join(cloneDir, 'HEAD'))) {
    const unexpected = await unexpectedCloneConfig(cloneDir, env, url, signal).catch(() => [
      'its config file cannot be read',
    ]);
    if (unexpected.length === 0) {
      await fetchInto(server, cloneDir, url, signal);
      return notes;
    }
    notes.push(
      `The cached clone of ${repository.fullName} had config the worker did not write (${unexpected.slice(0, 3).join('; ')}); it was deleted and cloned again`,
    );
    await discardClone(input.dataDir, cloneDir);
  }
  // Clone next to the final place and rename, so a crash never leaves a half clone behind.
  const parent = join(cloneDir, '..');
  await mkdir(parent, { recursive: true });
  const temp = `${cloneDir}.partial-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  // No template: no sample hooks, nothing the worker did not write.
  await git(['clone', '--bare', '--quiet', '--template=', '--', url, temp], {
    cwd: parent,
    env: await server.networkEnv(),
    protocols: server.protocols,
    signal,
  });
  await writeCloneConfig(temp, env, signal);
  await fetchInto(server, temp, url, signal);
  await mkdir(join(temp, 'info'), { recursive: true });
  await writeFile(join(temp, 'info', 'exclude'), `${EXCLUDES.join('\n')}\n`);
  await rename(temp, cloneDir);
  return notes;
}

/** Moves a clone out of the way at once (jobs still using it fail), then deletes it. */
export async function discardClone(dataDir: string, cloneDir: string): Promise<void> {
  const aside = join(dataDir, 'repos', `.discarded-${randomBytes(6).toString('hex')}`);
  await rename(cloneDir, aside).catch(() => undefined);
  await rm(aside, { recursive: true, force: true });
}

async function fetchInto(server: GitRemote, gitDir: string, url: string, signal?: AbortSignal) {
  await git(['fetch', '--prune', '--quiet', '--', url, FETCH_REFSPEC], {
    gitDir,
    env: await server.networkEnv(),
    protocols: server.protocols,
    signal,
  });
}

export function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
