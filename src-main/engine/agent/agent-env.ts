/**
 * The agent's environment, built from scratch: the basics a CLI needs, the model providers' keys
 * by an allowlist, and git settings for its commits. Never the GitHub token, never AWS
 * credentials, never anything not on the list.
 *
 * HOME is the job's own folder (see run-agent.ts), not the user's: tools the agent starts do not
 * find the user's credentials there (~/.config/gh, ~/.aws, ~/.ssh, ~/.git-credentials, …). For
 * the same reason no XDG_* folder is passed. Model keys come from the environment (the list
 * below). This is not a sandbox — the agent runs as the user and can still read a file it names
 * by its full path — but nothing hands it those credentials.
 */
import { absolutePath } from '../workspace/git.ts';
import type { GitIdentity } from '../workspace/workspaces.ts';

/** Passed through when set in the worker's environment. */
export const AGENT_ENV_ALLOWLIST: readonly string[] = [
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
  // Model providers (Aider/litellm names), and the other presets' own.
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
  'CLAUDE_CODE_OAUTH_TOKEN',
  'CODEX_HOME',
];

/** Never passed, whatever the list says. */
const DENIED =
  /^(?:GITHUB_TOKEN|GH_TOKEN|GH_ENTERPRISE_TOKEN|GITHUB_ENTERPRISE_TOKEN|CODINGWORKER_.*|AWS_.*)$/;

/** `home`: the agent's HOME (the job's own folder); the worker's HOME is never passed. */
export function agentEnvironment(
  base: Readonly<Record<string, string | undefined>>,
  identity: GitIdentity,
  home?: string,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of AGENT_ENV_ALLOWLIST) {
    const value = base[key];
    if (value !== undefined && !DENIED.test(key)) env[key] = value;
  }
  if (home !== undefined) env.HOME = home;
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
    .filter(([key]) => /(?:KEY|TOKEN|SECRET)$/.test(key))
    .map(([, value]) => value);
}
