import { describe, expect, it } from 'vitest';
import {
  agentConfigurationProblem,
  keyVariableForModel,
} from '../../../src-main/engine/agent/agent-preflight.ts';
import type { WorkerConfig } from '../../../src-main/engine/config/worker-config.ts';

const agent = (overrides: Partial<WorkerConfig['agent']> = {}): WorkerConfig['agent'] => ({
  preset: 'aider',
  command: null,
  model: null,
  extraArgs: [],
  ...overrides,
});
const check = (a: WorkerConfig['agent'], env: Record<string, string> = {}, hasAiderConfig = false) =>
  agentConfigurationProblem({ agent: a, env, hasAiderConfig });

describe('checking an agent has a model and a key before it starts', () => {
  it('stops Aider with no model and no key (it would wait minutes for an OpenRouter login)', () => {
    expect(check(agent())).toMatch(/^no model or key is configured for aider/);
    expect(check(agent(), { OPENAI_API_KEY: 'sk' })).toBeNull();
    expect(check(agent(), {}, true)).toBeNull();
  });

  it('names the key a model needs', () => {
    expect(check(agent({ model: 'gpt-4o' }))).toBe(
      "the model gpt-4o needs OPENAI_API_KEY, which is not set in the worker's environment",
    );
    expect(check(agent({ model: 'anthropic/claude-sonnet-4-5' }), { ANTHROPIC_API_KEY: 'k' })).toBeNull();
    expect(check(agent({ model: 'ollama_chat/qwen2.5-coder' }))).toBeNull();
    expect(keyVariableForModel('openrouter/deepseek/deepseek-r1')).toBe('OPENROUTER_API_KEY');
    expect(keyVariableForModel('some-local-model')).toBeNull();
  });

  it('needs a key or login for Claude Code and Codex', () => {
    expect(check(agent({ preset: 'claude-code' }))).toMatch(/^no key is configured for claude-code/);
    expect(check(agent({ preset: 'claude-code' }), { CLAUDE_CODE_OAUTH_TOKEN: 't' })).toBeNull();
    expect(check(agent({ preset: 'codex' }))).toMatch(/^no key is configured for codex/);
    expect(check(agent({ preset: 'codex' }), { OPENAI_API_KEY: 'k' })).toBeNull();
    expect(check(agent({ preset: 'custom', command: ['x'] }))).toBeNull();
  });
});
