/**
 * The git server as the worker reaches it: repository URLs built from the configured server URL
 * (never read back from a config file the agent could change), the transports that URL needs, and
 * the environment that lets git authenticate there — through a freshly written askpass script
 * that answers only that server's prompts (see askpass.ts).
 */
import { join } from 'node:path';
import type { RepositoryRef } from '../github/repository-ref.ts';
import { askpassPath, networkEnvironment, writeAskpassScript } from './askpass.ts';
import { allowedProtocols, type GitEnv } from './git.ts';

export class GitRemote {
  readonly #serverUrl: string;
  readonly #token: string | null;
  readonly #env: GitEnv;
  readonly #askpassDir: string;
  /** Transports git may use (see allowedProtocols). */
  readonly protocols: readonly string[];

  constructor(input: {
    readonly serverUrl: string;
    readonly token: string | null;
    readonly env: GitEnv;
    readonly dataDir: string;
  }) {
    this.#serverUrl = input.serverUrl.replace(/\/+$/, '');
    this.#token = input.token;
    this.#env = input.env;
    // A 0700 folder of its own: neither a job's folder nor a worktree.
    this.#askpassDir = join(input.dataDir, 'bin');
    this.protocols = allowedProtocols(input.serverUrl);
  }

  url(repository: RepositoryRef): string {
    return `${this.#serverUrl}/${repository.owner}/${repository.repo}.git`;
  }

  /** Where the askpass script is, or null when no token is used. */
  get askpassPath(): string | null {
    return this.#token ? askpassPath(this.#askpassDir) : null;
  }

  /** Git's environment for one network call; rewrites the askpass script first. */
  async networkEnv(): Promise<GitEnv> {
    if (!this.#token) return this.#env;
    const askpass = await writeAskpassScript(this.#askpassDir);
    return networkEnvironment(this.#env, { askpass, token: this.#token, serverUrl: this.#serverUrl });
  }
}
