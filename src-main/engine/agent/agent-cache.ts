/**
 * The persistent per-worker agent cache: <dataDir>/agent-cache. It keeps what an agent would
 * otherwise fetch or ask again on every job — Aider's model metadata and OpenRouter model list
 * (~/.aider/caches), its analytics opt-out and install record — and holds no secrets: the one file
 * Aider writes a key to (oauth-keys.env, after an OpenRouter login) is deleted after every run.
 *
 * The agent's HOME stays a fresh folder per job (<jobDir>/home); only the cache's own folders are
 * linked into it. The sandbox (sandbox/) must leave AGENT_CACHE_DIRNAME writable.
 */
import { copyFile, mkdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkerConfig } from '../config/worker-config.ts';

export const AGENT_CACHE_DIRNAME = 'agent-cache';

/** Aider's settings in the user's home that it may read from the job's home. */
export const AIDER_HOME_FILES = [
  '.aider.conf.yml',
  '.aider.model.settings.yml',
  '.aider.model.metadata.json',
];

/** Files in the cache that would hold a secret; removed after each run. */
const SECRET_FILES = [join('aider', 'oauth-keys.env')];

/** The one place the cache's path is made: the sandbox makes this folder writable. */
export function agentCacheDir(dataDir: string): string {
  return join(dataDir, AGENT_CACHE_DIRNAME);
}

export interface AgentHomeInput {
  readonly jobDir: string;
  readonly preset: WorkerConfig['agent']['preset'];
  /** The user's own HOME, for Aider's settings files (never passed to the agent). */
  readonly userHome: string | undefined;
  /** The agent cache; null for a fresh HOME with nothing kept between jobs. */
  readonly cacheDir: string | null;
}

/**
 * Makes <jobDir>/home (0700): Aider's settings copied in, ~/.aider linked to the cache, and
 * ~/.codex created (Codex refuses a CODEX_HOME that does not exist).
 */
export async function prepareAgentHome(input: AgentHomeInput): Promise<string> {
  const home = join(input.jobDir, 'home');
  await mkdir(home, { recursive: true, mode: 0o700 });
  if (input.preset === 'aider' || input.preset === 'custom') {
    if (input.userHome?.startsWith('/')) {
      for (const name of AIDER_HOME_FILES) {
        await copyFile(join(input.userHome, name), join(home, name)).catch(() => undefined);
      }
    }
    if (input.cacheDir !== null) {
      const aider = join(input.cacheDir, 'aider');
      await mkdir(aider, { recursive: true, mode: 0o700 });
      await symlink(aider, join(home, '.aider')).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
    }
  }
  if (input.preset === 'codex') await mkdir(join(home, '.codex'), { recursive: true, mode: 0o700 });
  return home;
}

/** Deletes anything secret an agent left in the cache. */
export async function scrubAgentCache(cacheDir: string | null): Promise<void> {
  if (cacheDir === null) return;
  for (const file of SECRET_FILES) await rm(join(cacheDir, file), { force: true });
}
