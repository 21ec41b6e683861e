/**
 * Which network hosts the agent may reach: the model API of the configured preset and model, the
 * base URLs the user points it at (environment variables and the preset's own flags), and the
 * hosts added in settings (`agent.allowedHosts`). A base URL allows exactly its host and port.
 */
import type { WorkerConfig } from '../../config/worker-config.ts';

/** Provider keys (Aider/litellm names) and the API host each one means. */
const KEY_HOSTS: readonly (readonly [string, string])[] = [
  ['OPENAI_API_KEY', 'api.openai.com:443'],
  ['ANTHROPIC_API_KEY', 'api.anthropic.com:443'],
  ['GEMINI_API_KEY', 'generativelanguage.googleapis.com:443'],
  ['GOOGLE_API_KEY', 'generativelanguage.googleapis.com:443'],
  ['DEEPSEEK_API_KEY', 'api.deepseek.com:443'],
  ['OPENROUTER_API_KEY', 'openrouter.ai:443'],
  ['GROQ_API_KEY', 'api.groq.com:443'],
  ['MISTRAL_API_KEY', 'api.mistral.ai:443'],
  ['XAI_API_KEY', 'api.x.ai:443'],
  ['COHERE_API_KEY', 'api.cohere.ai:443'],
  ['FIREWORKS_API_KEY', 'api.fireworks.ai:443'],
  ['TOGETHERAI_API_KEY', 'api.together.xyz:443'],
];

/** Model-name prefixes (litellm's provider/model form) and their API host. */
const MODEL_HOSTS: readonly (readonly [RegExp, string])[] = [
  [/^(?:openai\/|gpt-|o\d|chatgpt)/i, 'api.openai.com:443'],
  [/^(?:anthropic\/|claude)/i, 'api.anthropic.com:443'],
  [/^(?:gemini\/|gemini)/i, 'generativelanguage.googleapis.com:443'],
  [/^deepseek/i, 'api.deepseek.com:443'],
  [/^openrouter\//i, 'openrouter.ai:443'],
  [/^groq\//i, 'api.groq.com:443'],
  [/^mistral\//i, 'api.mistral.ai:443'],
  [/^xai\//i, 'api.x.ai:443'],
];

/** Variables naming a model API's base URL (litellm, the OpenAI and Anthropic SDKs, Ollama). */
const BASE_URL_VARIABLES = [
  'OPENAI_API_BASE',
  'OPENAI_BASE_URL',
  'ANTHROPIC_BASE_URL',
  'AZURE_API_BASE',
  'OLLAMA_API_BASE',
  'OLLAMA_HOST',
  'LM_STUDIO_API_BASE',
];

/** Flags of the presets that take a base URL ("--flag URL", "--flag=URL", "-c key=URL"). */
const BASE_URL_FLAGS = ['--openai-api-base', '--anthropic-api-base'];
const BASE_URL_CONFIG_KEYS = /^(?:openai_base_url|model_providers\.[\w-]+\.base_url|base_url)=(.+)$/;

export interface AllowedHostsInput {
  readonly agent: Pick<WorkerConfig['agent'], 'preset' | 'model' | 'extraArgs' | 'command'> & {
    readonly allowedHosts?: readonly string[];
  };
  readonly environment: Readonly<Record<string, string | undefined>>;
}

export function allowedHostsFor(input: AllowedHostsInput): string[] {
  const { agent, environment } = input;
  const hosts = new Set<string>();
  const add = (host: string | null) => {
    if (host) hosts.add(host.toLowerCase());
  };
  if (agent.preset === 'claude-code') add('api.anthropic.com:443');
  if (agent.preset === 'codex') {
    add('api.openai.com:443');
    add('chatgpt.com:443');
  }
  for (const [key, host] of KEY_HOSTS) if (environment[key]) add(host);
  const model = agent.model ?? '';
  for (const [pattern, host] of MODEL_HOSTS) if (pattern.test(model)) add(host);
  if (/^ollama(?:_chat)?\//i.test(model) && !environment.OLLAMA_API_BASE && !environment.OLLAMA_HOST)
    add('127.0.0.1:11434');
  for (const name of BASE_URL_VARIABLES) add(hostOfUrl(environment[name]));
  const args = [...(agent.command ?? []), ...agent.extraArgs];
  args.forEach((arg, i) => {
    for (const flag of BASE_URL_FLAGS) {
      if (arg === flag) add(hostOfUrl(args[i + 1]));
      else if (arg.startsWith(`${flag}=`)) add(hostOfUrl(arg.slice(flag.length + 1)));
    }
    const config = BASE_URL_CONFIG_KEYS.exec(arg.replace(/^["']|["']$/g, ''));
    if (config && (args[i - 1] === '-c' || args[i - 1] === '--config'))
      add(hostOfUrl(config[1]!.replace(/^["']|["']$/g, '')));
  });
  for (const entry of agent.allowedHosts ?? []) add(normaliseHostEntry(entry));
  return [...hosts].sort();
}

/** "host:port" of an http(s) URL (Ollama's OLLAMA_HOST may omit the scheme); null if none. */
export function hostOfUrl(value: string | undefined): string | null {
  if (!value) return null;
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

/** A settings entry as the proxy matches it: lower case, no scheme or path. */
export function normaliseHostEntry(entry: string): string | null {
  const trimmed = entry.trim().toLowerCase();
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(trimmed)) return hostOfUrl(trimmed);
  return /^(?:\*\.)?[a-z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/.test(trimmed) ? trimmed : null;
}

/**
 * Whether `host:port` is allowed. An entry without a port allows 443 and 80; "*.example.com"
 * allows the subdomains of example.com (not example.com itself).
 */
export function hostAllowed(allowed: readonly string[], host: string, port: number): boolean {
  const name = host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  return allowed.some((entry) => {
    const match = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(entry) ?? /^([^:]+)(?::(\d{1,5}))?$/.exec(entry);
    if (!match) return false;
    const pattern = match[1]!;
    const entryPort = match[2] === undefined ? null : Number(match[2]);
    if (entryPort === null ? port !== 443 && port !== 80 : entryPort !== port) return false;
    if (pattern.startsWith('*.')) return name.endsWith(pattern.slice(1)) && name.length > pattern.length - 1;
    return name === pattern;
  });
}
