/**
 * Finds the GitHub token the worker acts with, in order: GITHUB_TOKEN (or GH_TOKEN) in the
 * environment, the GitHub CLI's `gh auth token`, then the app's secret store. The token is returned
 * to the caller only; nothing here logs or stores it.
 */
import { execa } from 'execa';

export type GitHubTokenSource = 'GITHUB_TOKEN' | 'GH_TOKEN' | 'gh' | 'secret-store';

export interface GitHubTokenResolution {
  readonly token: string;
  readonly source: GitHubTokenSource;
}

/** The part of the app's secret store this needs (the shell implements it with safeStorage). */
export interface TokenSecretStore {
  get(name: string): string | null | undefined | Promise<string | null | undefined>;
}

/** Name of the GitHub token in the secret store. */
export const GITHUB_TOKEN_SECRET = 'github-token';

export interface ResolveGitHubTokenInput {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly secretStore?: TokenSecretStore;
  /** Host for `gh auth token --hostname`, e.g. from github.serverUrl. Default github.com. */
  readonly host?: string;
  /** Runs `gh` with the given arguments and returns its stdout, or null when it fails. Tests replace it. */
  readonly runGh?: (args: readonly string[]) => Promise<string | null>;
}

/** Resolves the token, or null when none of the sources has one. Never throws for a missing `gh`. */
export async function resolveGitHubToken(
  input: ResolveGitHubTokenInput,
): Promise<GitHubTokenResolution | null> {
  for (const name of ['GITHUB_TOKEN', 'GH_TOKEN'] as const) {
    const value = input.env[name]?.trim();
    if (value) return { token: value, source: name };
  }
  const runGh = input.runGh ?? ((args: readonly string[]) => runGhCli(args, input.env));
  const fromGh = (await runGh(['auth', 'token', '--hostname', input.host ?? 'github.com']))?.trim();
  if (fromGh && isPlausibleToken(fromGh)) return { token: fromGh, source: 'gh' };
  const stored = (await input.secretStore?.get(GITHUB_TOKEN_SECRET))?.trim();
  if (stored) return { token: stored, source: 'secret-store' };
  return null;
}

/** `gh` prints the token alone on a line; anything with spaces is a message, not a token. */
function isPlausibleToken(text: string): boolean {
  return /^\S{20,255}$/.test(text);
}

const GH_ENV_KEYS = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'LANG',
  'TMPDIR',
  'XDG_CONFIG_HOME',
  'GH_CONFIG_DIR',
  'GH_HOST',
];

async function runGhCli(args: readonly string[], env: Readonly<Record<string, string | undefined>>) {
  const childEnv: Record<string, string> = {};
  for (const key of GH_ENV_KEYS) if (env[key] !== undefined) childEnv[key] = env[key];
  try {
    const result = await execa('gh', [...args], {
      env: childEnv,
      extendEnv: false,
      stdin: 'ignore',
      reject: false,
      timeout: 10_000,
    });
    return result.exitCode === 0 ? String(result.stdout) : null;
  } catch {
    return null;
  }
}
