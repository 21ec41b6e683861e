/**
 * The one way the engine runs git: an argument array (never a shell), a clean environment (no
 * inherited GIT_DIR, no system or global config, no terminal prompts), and errors that say which
 * git verb failed and why. Network verbs get the token through GIT_ASKPASS only.
 */
import { execa } from 'execa';

/** Environment variables passed from the worker's environment to git. */
const PASSED_ENV = [
  'PATH',
  'HOME',
  'TMPDIR',
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'GIT_SSL_CAINFO',
];

/** Name of the variable that carries the token to the askpass script (and nowhere else). */
export const ASKPASS_TOKEN_VARIABLE = 'CODINGWORKER_GIT_TOKEN';

export type GitEnv = Readonly<Record<string, string>>;

/** Builds git's environment from the worker's: only what git needs, and nothing that redirects it. */
export function gitEnvironment(base: Readonly<Record<string, string | undefined>>): GitEnv {
  const env: Record<string, string> = {};
  for (const key of PASSED_ENV) {
    const value = base[key];
    if (value !== undefined) env[key] = value;
  }
  return {
    ...env,
    LANG: 'C',
    LC_ALL: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
  };
}

/**
 * Extra environment for a verb that talks to the remote over HTTPS: git asks the askpass script,
 * which answers with the variable below. The token lives only in this child's environment.
 */
export function networkEnvironment(env: GitEnv, askpassPath: string, token: string | null): GitEnv {
  if (!token) return env;
  return { ...env, GIT_ASKPASS: askpassPath, [ASKPASS_TOKEN_VARIABLE]: token };
}

/** Config for every git call: no credential helper may store or supply credentials, no hooks run. */
const SAFE_CONFIG = ['-c', 'credential.helper=', '-c', 'core.hooksPath=/dev/null', '-c', 'core.askPass='];

export class GitError extends Error {
  readonly verb: string;
  readonly exitCode: number | null;
  readonly stderr: string;
  readonly stdout: string;
  constructor(verb: string, exitCode: number | null, stderr: string, stdout = '') {
    const detail = stderr.trim().split('\n').slice(-6).join(' | ').slice(0, 1000);
    super(`git ${verb} failed${exitCode === null ? '' : ` (exit ${exitCode})`}: ${detail || 'no output'}`);
    this.name = 'GitError';
    this.verb = verb;
    this.exitCode = exitCode;
    this.stderr = stderr;
    this.stdout = stdout;
  }
}

export interface GitOptions {
  readonly cwd: string;
  readonly env: GitEnv;
  readonly signal?: AbortSignal;
  /** Exit codes that are answers rather than failures (e.g. 1 for `rev-parse --verify -q`). */
  readonly okExitCodes?: readonly number[];
  readonly timeoutMs?: number;
}

export interface GitResult {
  readonly stdout: string;
  readonly exitCode: number;
}

/** Runs `git <args>`; rejects with GitError on failure, or an AbortError when the signal fires. */
export async function git(args: readonly string[], options: GitOptions): Promise<GitResult> {
  options.signal?.throwIfAborted();
  const verb = args.find((arg) => !arg.startsWith('-')) ?? 'git';
  const result = await execa('git', [...SAFE_CONFIG, ...args], {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
    stripFinalNewline: false,
    maxBuffer: 64 * 1024 * 1024,
    timeout: options.timeoutMs ?? 10 * 60_000,
    ...(options.signal ? { cancelSignal: options.signal } : {}),
  });
  if (options.signal?.aborted) options.signal.throwIfAborted();
  const exitCode = result.exitCode ?? null;
  if (exitCode === 0 || (exitCode !== null && options.okExitCodes?.includes(exitCode))) {
    return { stdout: String(result.stdout), exitCode };
  }
  const stderr = String(result.stderr ?? '') || String(result.message ?? '');
  throw new GitError(verb, exitCode, stderr, String(result.stdout ?? ''));
}
