/**
 * Builds the WorkerConfig from a JSON file and environment variables (env wins), and says exactly
 * which key is wrong when it is invalid. Secrets (GITHUB_TOKEN) are not part of it: they go to the
 * secret store.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { workerConfigSchema, type WorkerConfig } from './worker-config.ts';
import { splitCommandLine } from './split-command-line.ts';
import { describeError } from '../../../shared/describe-error.ts';

export class ConfigError extends Error {
  /** The config key or variable at fault, e.g. "leaseSeconds (CODINGWORKER_LEASE_SECONDS)". */
  readonly key: string;
  constructor(key: string, problem: string) {
    super(`Invalid configuration: ${key} ${problem}`);
    this.name = 'ConfigError';
    this.key = key;
  }
}

export interface ConfigSources {
  /** --config, else CODINGWORKER_CONFIG. */
  readonly configPath?: string | null;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Values saved from the app's settings, lowest precedence after the defaults. */
  readonly stored?: Record<string, unknown>;
}

/** Environment variable → config key, with how to read the value. */
const ENV_KEYS = [
  ['CODINGWORKER_QUEUE_URL', 'queueUrl', 'string'],
  ['CODINGWORKER_DLQ_URL', 'dlqUrl', 'string'],
  ['CODINGWORKER_REPOSITORIES', 'repositories', 'list'],
  ['CODINGWORKER_DATA_DIR', 'dataDir', 'string'],
  ['CODINGWORKER_LEASE_SECONDS', 'leaseSeconds', 'int'],
  ['CODINGWORKER_CONCURRENCY', 'concurrency', 'int'],
  ['CODINGWORKER_MAX_JOB_MINUTES', 'maxJobMinutes', 'int'],
  ['AWS_REGION', 'region', 'string'],
  ['AWS_PROFILE', 'profile', 'string'],
  ['AWS_ENDPOINT_URL_SQS', 'sqsEndpoint', 'string'],
] as const;

export function defaultDataDir(env: ConfigSources['env']): string {
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'CodingWorker');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'codingworker');
}

/**
 * Where the worker keeps its state, before the full config can be read (saved settings, which live
 * in that folder, are part of the config).
 */
export function resolveDataDir(sources: Omit<ConfigSources, 'stored'>): string {
  const path = sources.configPath ?? sources.env.CODINGWORKER_CONFIG ?? null;
  const fromFile = path ? readConfigFile(path).dataDir : undefined;
  const dir = sources.env.CODINGWORKER_DATA_DIR || (typeof fromFile === 'string' ? fromFile : '');
  return dir || defaultDataDir(sources.env);
}

/** The sources merged into one input object (not yet validated), and where each key came from. */
export interface MergedConfig {
  readonly merged: Record<string, unknown>;
  /** Top-level key → the environment variable that set it. */
  readonly origin: ReadonlyMap<string, string>;
  /** The config file read, if any. */
  readonly path: string | null;
}

export function mergeConfigSources(sources: ConfigSources): MergedConfig {
  const { env } = sources;
  const path = sources.configPath ?? env.CODINGWORKER_CONFIG ?? null;
  const fromFile = path ? readConfigFile(path) : {};
  const stored = sources.stored ?? {};
  const merged: Record<string, unknown> = { dataDir: defaultDataDir(env), ...stored, ...fromFile };
  // Nested sections merge key by key, so a file that sets only agent.model keeps the saved preset.
  for (const section of ['agent', 'github', 'limits'] as const) {
    merged[section] = { ...asRecord(stored[section]), ...asRecord(fromFile[section]) };
  }
  const origin = new Map<string, string>();

  for (const [variable, key, kind] of ENV_KEYS) {
    const raw = env[variable];
    if (raw === undefined || raw === '') continue;
    origin.set(key, variable);
    merged[key] = kind === 'int' ? parseInteger(raw) : kind === 'list' ? splitList(raw) : raw;
  }
  // The agent's variables: the command replaces the preset's program and keeps its flags (a pipx
  // Aider at its full path still gets every Aider flag); it is `custom` only when the preset says so.
  const agentFromEnv: Record<string, unknown> = {};
  if (env.CODINGWORKER_AGENT_PRESET) agentFromEnv.preset = env.CODINGWORKER_AGENT_PRESET;
  if (env.CODINGWORKER_AGENT_COMMAND) agentFromEnv.command = splitCommandLine(env.CODINGWORKER_AGENT_COMMAND);
  if (env.CODINGWORKER_AGENT_MODEL) agentFromEnv.model = env.CODINGWORKER_AGENT_MODEL;
  if (Object.keys(agentFromEnv).length > 0) {
    merged.agent = { ...asRecord(merged.agent), ...agentFromEnv };
    const names = ['PRESET', 'COMMAND', 'MODEL'].filter((name) => env[`CODINGWORKER_AGENT_${name}`]);
    origin.set('agent', names.map((name) => `CODINGWORKER_AGENT_${name}`).join(', '));
  }
  const github = typeof merged.github === 'object' && merged.github !== null ? { ...merged.github } : {};
  if (env.GITHUB_API_URL) Object.assign(github, { apiUrl: env.GITHUB_API_URL });
  if (env.GITHUB_SERVER_URL) Object.assign(github, { serverUrl: env.GITHUB_SERVER_URL });
  merged.github = github;
  return { merged, origin, path };
}

export function loadConfig(sources: ConfigSources): WorkerConfig {
  const { merged, origin, path } = mergeConfigSources(sources);
  const result = workerConfigSchema.safeParse(merged);
  if (!result.success) throw configIssueError(result.error.issues[0]!, { merged, origin, path });
  return result.data;
}

/** One schema issue as the ConfigError a user sees: the key, where it was set, what is wrong. */
export function configIssueError(
  issue: { readonly path: readonly PropertyKey[]; readonly code: string; readonly message: string },
  { merged, origin, path }: MergedConfig,
): ConfigError {
  const key = issue.path.map(String).join('.') || '(config)';
  const top = String(issue.path[0] ?? '');
  const where = origin.has(top) ? ` (${origin.get(top)})` : path ? ` (in ${path})` : '';
  const missing = issue.code === 'invalid_type' && merged[top] === undefined && issue.path.length === 1;
  return new ConfigError(`${key}${where}`, missing ? 'is required' : issue.message);
}

/** The JSON object in a config file; a ConfigError says why it cannot be used. */
export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, `is not valid JSON: ${describeError(error)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(path, 'must hold a JSON object');
  }
  return value as Record<string, unknown>;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function parseInteger(raw: string): number | string {
  return /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : raw;
}

function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
