/**
 * The one way the engine runs git: the git binary by absolute path (never looked up through PATH
 * from a folder the agent wrote), an argument array (never a shell), the repository always named
 * explicitly (--git-dir, and --work-tree for a checkout: git never discovers a repository from the
 * working folder, where the agent could have planted one), a clean environment (no inherited
 * GIT_DIR, no system or global config, no terminal prompts), and config on the command line that
 * switches off everything in git that runs other programs or reaches other places.
 * Errors say which git verb failed and why. Network verbs get the token through GIT_ASKPASS only.
 */
import { execa } from 'execa';
import { resolveGitBinary } from './git-binary.ts';

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

export type GitEnv = Readonly<Record<string, string>>;

/** Builds git's environment from the worker's: only what git needs, and nothing that redirects it. */
export function gitEnvironment(base: Readonly<Record<string, string | undefined>>): GitEnv {
  const env: Record<string, string> = {};
  for (const key of PASSED_ENV) {
    const value = base[key];
    if (value !== undefined) env[key] = value;
  }
  // A relative PATH entry would resolve against whatever folder git runs in.
  if (env.PATH !== undefined) env.PATH = absolutePath(env.PATH);
  return {
    ...env,
    LANG: 'C',
    LC_ALL: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
  };
}

/** PATH without its relative (and empty, which means ".") entries. */
export function absolutePath(path: string): string {
  return path
    .split(':')
    .filter((entry) => entry.startsWith('/'))
    .join(':');
}

/**
 * Config for every git call. Command-line config wins over every file, so whatever the agent
 * wrote into a config file git reads cannot turn these back on: no credential helper, no hooks,
 * no fsmonitor program, no attributes file from the user's home, symlinks checked out as plain
 * files, no look into submodules (git would run itself inside them, under the nested
 * repository's own config), and no transport at all except the ones `protocols` allows.
 *
 * Filter, diff and merge drivers named in a .gitattributes file cannot be switched off this way
 * (their names are arbitrary), but a driver is only a name there: its program must be defined in
 * config, and the worker's git reads no system or global config and a clone config that holds
 * only what the worker wrote (clone-config.ts). A named driver without a definition does
 * nothing, so the repository's .gitattributes (Git LFS uses them) can stay.
 */
const SAFE_CONFIG = [
  'credential.helper=',
  'core.askPass=',
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.attributesFile=/dev/null',
  'core.symlinks=false',
  'diff.ignoreSubmodules=all',
  'status.submoduleSummary=false',
  'submodule.recurse=false',
  'protocol.allow=never',
].flatMap((setting) => ['-c', setting]);

/**
 * The transports git may use to reach a server at `serverUrl`: https always, http and file only
 * when the configured server itself uses them (tests and the sandbox use file://).
 */
export function allowedProtocols(serverUrl: string): string[] {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(serverUrl)?.[1]?.toLowerCase();
  return ['https', ...(scheme === 'http' || scheme === 'file' ? [scheme] : [])];
}

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

/** A repository as the worker addresses it: by its git folder and, for a checkout, its files. */
export interface GitRepository {
  /** The repository's git folder (a bare clone, or a worktree's folder under <clone>/worktrees). */
  readonly gitDir: string;
  /** The checked-out files, for verbs that look at them. */
  readonly workTree?: string;
  readonly env: GitEnv;
}

/** A job's worktree: both folders known. */
export interface WorktreeRepository extends GitRepository {
  readonly workTree: string;
}

export interface GitOptions {
  readonly env: GitEnv;
  /** The repository. Only `git clone`, which creates one, runs without. */
  readonly gitDir?: string;
  readonly workTree?: string;
  /** The process's working folder. Default: workTree, else gitDir. */
  readonly cwd?: string;
  /** Transports allowed for this call (see allowedProtocols). Default: none. */
  readonly protocols?: readonly string[];
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
  const verb = args.find((arg, i) => !arg.startsWith('-') && args[i - 1] !== '-c') ?? 'git';
  const cwd = options.cwd ?? options.workTree ?? options.gitDir;
  if (!cwd) throw new GitError(verb, null, 'no repository and no working folder given');
  const program = await resolveGitBinary(options.env.PATH ?? '');
  const location = [
    ...(options.gitDir ? [`--git-dir=${options.gitDir}`] : []),
    ...(options.workTree ? [`--work-tree=${options.workTree}`] : []),
  ];
  const protocols = (options.protocols ?? []).flatMap((name) => ['-c', `protocol.${name}.allow=always`]);
  const result = await execa(program, [...location, ...SAFE_CONFIG, ...protocols, ...args], {
    cwd,
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
  // Not execa's message: it repeats the whole command line.
  const stdout = String(result.stdout ?? '');
  const stderr = String(result.stderr ?? '') || stdout || (result.timedOut ? 'timed out' : '');
  throw new GitError(verb, exitCode, stderr, stdout);
}
