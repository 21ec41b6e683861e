/**
 * Checks before an agent starts that it has a model and a key, so a misconfigured worker fails
 * the job at once with what to set — not after Aider waited minutes on an OpenRouter login, or
 * Claude Code retried a missing key. Pure: reads only the environment it is given.
 */
import type { WorkerConfig } from '../config/worker-config.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** The keys Aider picks a default model from when none is given (aider/onboarding.py). */
const AIDER_DEFAULT_MODEL_KEYS = [
  'OPENROUTER_API_KEY',
  'ANTHROPIC_API_KEY',
  'DEEPSEEK_API_KEY',
  'OPENAI_API_KEY',
  'GEMINI_API_KEY',
  'VERTEXAI_PROJECT',
];

/** The key variable a model name needs, by its provider prefix (litellm's names); null: unknown or none. */
export function keyVariableForModel(model: string): string | null {
  const name = model.toLowerCase();
  if (/^(?:ollama|ollama_chat|lm_studio)\//.test(name)) return null;
  if (name.startsWith('openrouter/')) return 'OPENROUTER_API_KEY';
  if (name.startsWith('anthropic/') || /^(?:claude|sonnet|haiku|opus)/.test(name)) return 'ANTHROPIC_API_KEY';
  if (name.startsWith('gemini/') || name === 'gemini') return 'GEMINI_API_KEY';
  if (name.startsWith('deepseek')) return 'DEEPSEEK_API_KEY';
  if (name.startsWith('groq/')) return 'GROQ_API_KEY';
  if (name.startsWith('mistral/')) return 'MISTRAL_API_KEY';
  if (name.startsWith('xai/')) return 'XAI_API_KEY';
  if (name.startsWith('openai/') || /^(?:gpt-|o1|o3|o4|4o|chatgpt)/.test(name)) return 'OPENAI_API_KEY';
  return null;
}

const set = (env: Env, key: string): boolean => (env[key] ?? '') !== '';

export interface PreflightInput {
  readonly agent: WorkerConfig['agent'];
  readonly env: Env;
  /** The user has an ~/.aider.conf.yml (which may name a model). */
  readonly hasAiderConfig: boolean;
}

/** Null when the agent can start; otherwise what is missing and what to set. */
export function agentConfigurationProblem({ agent, env, hasAiderConfig }: PreflightInput): string | null {
  switch (agent.preset) {
    case 'aider': {
      const model = agent.model ?? env.AIDER_MODEL ?? null;
      if (model === null) {
        if (hasAiderConfig || AIDER_DEFAULT_MODEL_KEYS.some((key) => set(env, key))) return null;
        return 'no model or key is configured for aider: set agent.model and its key variable (for example OPENAI_API_KEY)';
      }
      const key = keyVariableForModel(model);
      if (key === null || set(env, key) || hasAiderConfig) return null;
      return `the model ${model} needs ${key}, which is not set in the worker's environment`;
    }
    case 'claude-code':
      if (
        ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'CLAUDE_CODE_OAUTH_TOKEN'].some((key) => set(env, key))
      )
        return null;
      return 'no key is configured for claude-code: set ANTHROPIC_API_KEY (or CLAUDE_CODE_OAUTH_TOKEN from `claude setup-token`)';
    case 'codex':
      if (['CODEX_API_KEY', 'OPENAI_API_KEY', 'CODEX_HOME'].some((key) => set(env, key))) return null;
      return 'no key is configured for codex: set CODEX_API_KEY (or OPENAI_API_KEY), or CODEX_HOME to the folder with its login';
    case 'custom':
      return null;
  }
}
