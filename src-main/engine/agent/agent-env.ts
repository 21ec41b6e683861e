/**
 * The agent's environment, built from scratch: the basics a CLI needs, the model settings its
 * preset reads (an allowlist per preset), and git settings for its commits. Never the GitHub
 * token, never AWS credentials, never anything not on the lists.
 *
 * HOME is the job's own folder (see run-agent.ts), not the user's: tools the agent starts do not
 * find the user's credentials there (~/.config/gh, ~/.aws, ~/.ssh, ~/.git-credentials, …). For
 * the same reason no XDG_* folder is passed. This is not a sandbox — see sandbox/ for that — but
 * nothing hands the agent those credentials.
 *
 * Set for every preset: COLUMNS (Aider prints through Rich, which wraps at 80 columns when stdout
 * is a pipe — "Applied edit to" and the cost line would break across lines), and BROWSER=true
 * (Python's webbrowser runs `true URL` instead of opening a tab on the user's Mac or a console
 * browser in the foreground on a server; Aider under --yes-always opens URLs from error messages).
 */
import type { WorkerConfig } from '../config/worker-config.ts';
import { absolutePath } from '../workspace/git.ts';
import type { GitIdentity } from '../workspace/workspaces.ts';

type Preset = WorkerConfig['agent']['preset'];

/** Passed through for every preset when set in the worker's environment. */
export const BASE_ENV_ALLOWLIST: readonly string[] = [
  'PATH',
  'USER',
  'LOGNAME',
  'SHELL',
  'TMPDIR',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
  'https_proxy',
  'http_proxy',
  'no_proxy',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'REQUESTS_CA_BUNDLE',
  'NODE_EXTRA_CA_CERTS',
];

/** Aider (through litellm) reads these names. */
const AIDER_KEYS = [
  'OPENAI_API_KEY',
  'OPENAI_API_BASE',
  'OPENAI_BASE_URL',
  'OPENAI_ORGANIZATION',
  'ANTHROPIC_API_KEY',
  'GEMINI_API_KEY',
  'GOOGLE_API_KEY',
  'DEEPSEEK_API_KEY',
  'OPENROUTER_API_KEY',
  'GROQ_API_KEY',
  'MISTRAL_API_KEY',
  'XAI_API_KEY',
  'COHERE_API_KEY',
  'FIREWORKS_API_KEY',
  'TOGETHERAI_API_KEY',
  'AZURE_API_KEY',
  'AZURE_API_BASE',
  'AZURE_API_VERSION',
  'OLLAMA_API_BASE',
  'OLLAMA_HOST',
  'LM_STUDIO_API_BASE',
  'LM_STUDIO_API_KEY',
  'VERTEXAI_PROJECT',
  'VERTEXAI_LOCATION',
];

/** Claude Code: its key or login token, a gateway (base URL and bearer token), model names. */
const CLAUDE_KEYS = [
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_CUSTOM_HEADERS',
  'ANTHROPIC_MODEL',
  'ANTHROPIC_SMALL_FAST_MODEL',
  'ANTHROPIC_DEFAULT_OPUS_MODEL',
  'ANTHROPIC_DEFAULT_SONNET_MODEL',
  'ANTHROPIC_DEFAULT_HAIKU_MODEL',
  'CLAUDE_CODE_OAUTH_TOKEN',
  'CLAUDE_CODE_MAX_OUTPUT_TOKENS',
  'API_TIMEOUT_MS',
];

/** Codex: CODEX_API_KEY is the name `codex exec` reads; CODEX_HOME names a folder with its login. */
const CODEX_KEYS = [
  'CODEX_API_KEY',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'OPENAI_ORGANIZATION',
  'CODEX_HOME',
];

/** Each preset's model settings, passed when set. `custom` gets all of them. */
export const PRESET_ENV_ALLOWLIST: Readonly<Record<Preset, readonly string[]>> = {
  aider: AIDER_KEYS,
  'claude-code': CLAUDE_KEYS,
  codex: CODEX_KEYS,
  custom: [...new Set([...AIDER_KEYS, ...CLAUDE_KEYS, ...CODEX_KEYS])],
};

/** Every name some preset passes (for documentation and the doctor). */
export const AGENT_ENV_ALLOWLIST: readonly string[] = [...BASE_ENV_ALLOWLIST, ...PRESET_ENV_ALLOWLIST.custom];

/** Never passed, whatever a list says. */
const DENIED =
  /^(?:GITHUB_TOKEN|GH_TOKEN|GH_ENTERPRISE_TOKEN|GITHUB_ENTERPRISE_TOKEN|CODINGWORKER_.*|AWS_.*)$/;

/** Aider's own settings variables (AIDER_MODEL, AIDER_WEAK_MODEL, …); the worker's flags win over them. */
const AIDER_SETTING = /^AIDER_[A-Z0-9_]+$/;

export interface AgentEnvironmentOptions {
  /** The agent's HOME (the job's own folder); the worker's HOME is never passed. */
  readonly home?: string;
  /** Which preset's allowlist applies; `custom` when not given. */
  readonly preset?: Preset;
}

export function agentEnvironment(
  base: Readonly<Record<string, string | undefined>>,
  identity: GitIdentity,
  homeOrOptions?: string | AgentEnvironmentOptions,
): Record<string, string> {
  const options: AgentEnvironmentOptions =
    typeof homeOrOptions === 'string' ? { home: homeOrOptions } : (homeOrOptions ?? {});
  const preset = options.preset ?? 'custom';
  const env: Record<string, string> = {};
  for (const key of [...BASE_ENV_ALLOWLIST, ...PRESET_ENV_ALLOWLIST[preset]]) {
    const value = base[key];
    if (value !== undefined && !DENIED.test(key)) env[key] = value;
  }
  if (preset === 'aider' || preset === 'custom') {
    for (const [key, value] of Object.entries(base)) {
      if (value !== undefined && AIDER_SETTING.test(key)) env[key] = value;
    }
  }
  if (preset === 'codex' && env.CODEX_API_KEY === undefined && env.OPENAI_API_KEY !== undefined) {
    // `codex exec` authenticates with CODEX_API_KEY only; OPENAI_API_KEY alone sends no key.
    env.CODEX_API_KEY = env.OPENAI_API_KEY;
  }
  if (preset === 'claude-code') {
    // No auto-updater, telemetry or error reporting from inside a job.
    env.CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC = '1';
    env.DISABLE_AUTOUPDATER = '1';
  }
  if (options.home !== undefined) env.HOME = options.home;
  // A relative PATH entry would find programs in the repository the agent works on.
  if (env.PATH !== undefined) env.PATH = absolutePath(env.PATH);
  const gitConfig: [string, string][] = [
    ['user.name', identity.name],
    ['user.email', identity.email],
    ['commit.gpgsign', 'false'],
    ['credential.helper', ''],
  ];
  return {
    ...env,
    TERM: 'dumb',
    NO_COLOR: '1',
    COLUMNS: '4000',
    BROWSER: 'true',
    PYTHONUNBUFFERED: '1',
    PYTHONIOENCODING: 'utf-8',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_COUNT: String(gitConfig.length),
    ...Object.fromEntries(
      gitConfig.flatMap(([key, value], i) => [
        [`GIT_CONFIG_KEY_${i}`, key],
        [`GIT_CONFIG_VALUE_${i}`, value],
      ]),
    ),
  };
}

/** Values in an agent environment that are secrets (keys and tokens), for the redactor. */
export function secretValues(env: Readonly<Record<string, string>>): string[] {
  return Object.entries(env)
    .filter(([key]) => /(?:KEY|TOKEN|SECRET|HEADERS)$/.test(key))
    .map(([, value]) => value);
}
