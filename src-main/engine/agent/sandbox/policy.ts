/**
 * What a confined command may touch: the folders it may write, the paths it must not read, and
 * the network hosts it may reach (through the worker's allowlisting proxy; everything else is
 * refused). Built per job; plain data so the Linux and macOS translations are pure functions.
 */
import { join } from 'node:path';

export interface SandboxPolicy {
  /** Folders the command may write (they are readable too). They must exist. */
  readonly writable: readonly string[];
  /** Paths inside a writable folder that stay read-only (e.g. the clone's config and hooks). */
  readonly readOnly: readonly string[];
  /** Files and folders that must not be readable at all (secrets, the rest of the data folder). */
  readonly hidden: readonly string[];
  /** "host", "host:port" or "*.domain" entries the command may connect to; nothing else. */
  readonly allowedHosts: readonly string[];
}

/**
 * The user's secrets under a home folder: SSH and cloud credentials, the GitHub CLI's token,
 * netrc and git credentials, package-registry tokens, GPG and keychains (macOS keeps them in
 * ~/Library/Keychains), and the agents' own logins elsewhere than the job's HOME.
 */
export function homeSecrets(home: string): string[] {
  return [
    '.ssh',
    '.aws',
    '.azure',
    '.config/gcloud',
    '.config/gh',
    '.config/hub',
    '.config/codingworker',
    '.kube',
    '.docker',
    '.gnupg',
    '.netrc',
    '.git-credentials',
    '.npmrc',
    '.pypirc',
    '.password-store',
    '.local/share/keyrings',
    '.claude',
    '.claude.json',
    '.codex',
    'Library/Keychains',
    'Library/Application Support/CodingWorker',
    'Library/Application Support/codingworker',
  ].map((name) => join(home, name));
}
