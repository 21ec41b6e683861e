import { describe, expect, it } from 'vitest';
import { agentEnvironment, secretValues } from '../../../src-main/engine/agent/agent-env.ts';

const identity = { name: 'CodingWorker', email: 'cw@example.test' };

describe('the agent environment', () => {
  const worker = {
    PATH: '/usr/bin',
    HOME: '/Users/me',
    OPENAI_API_KEY: 'sk-openai',
    ANTHROPIC_API_KEY: 'sk-ant',
    OLLAMA_API_BASE: 'http://127.0.0.1:11434',
    GITHUB_TOKEN: 'ghp_secret',
    GH_TOKEN: 'ghp_secret',
    AWS_ACCESS_KEY_ID: 'AKIA',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_PROFILE: 'dev',
    CODINGWORKER_GIT_TOKEN: 'ghp_secret',
    NODE_OPTIONS: '--require /tmp/evil.js',
    GIT_DIR: '/somewhere/else',
    DYLD_INSERT_LIBRARIES: '/tmp/x.dylib',
  };

  it('passes the basics and model keys, and nothing else from the worker', () => {
    const env = agentEnvironment(worker, identity, '/data/jobs/j1/home');
    expect(env).toMatchObject({
      PATH: '/usr/bin',
      HOME: '/data/jobs/j1/home',
      OPENAI_API_KEY: 'sk-openai',
      ANTHROPIC_API_KEY: 'sk-ant',
      OLLAMA_API_BASE: 'http://127.0.0.1:11434',
      TERM: 'dumb',
      PYTHONUNBUFFERED: '1',
    });
    for (const key of Object.keys(env)) {
      expect(key).not.toMatch(/^(GITHUB_TOKEN|GH_TOKEN|AWS_|CODINGWORKER_|NODE_OPTIONS|GIT_DIR|DYLD_|XDG_)/);
    }
  });

  it('never passes the user’s HOME or XDG folders, where their credentials live', () => {
    const env = agentEnvironment(
      { ...worker, XDG_CONFIG_HOME: '/Users/me/.config', XDG_DATA_HOME: '/Users/me/.local/share' },
      identity,
    );
    expect(env.HOME).toBeUndefined();
    expect(Object.values(env).some((value) => value.startsWith('/Users/me'))).toBe(false);
  });

  it('drops relative PATH entries, which would find programs in the repository', () => {
    const env = agentEnvironment({ PATH: '.:bin::/usr/bin:node_modules/.bin:/bin' }, identity);
    expect(env.PATH).toBe('/usr/bin:/bin');
  });

  it('sets the commit identity and turns off signing and credential helpers through git’s env config', () => {
    const env = agentEnvironment(worker, identity);
    const count = Number(env.GIT_CONFIG_COUNT);
    const config = Object.fromEntries(
      Array.from({ length: count }, (_, i) => [env[`GIT_CONFIG_KEY_${i}`], env[`GIT_CONFIG_VALUE_${i}`]]),
    );
    expect(config).toEqual({
      'user.name': 'CodingWorker',
      'user.email': 'cw@example.test',
      'commit.gpgsign': 'false',
      'credential.helper': '',
    });
  });

  it('names the secrets in it for the redactor', () => {
    expect(secretValues(agentEnvironment(worker, identity)).sort()).toEqual(['sk-ant', 'sk-openai']);
  });
});

describe('each preset’s own variables', () => {
  const worker = {
    PATH: '/usr/bin',
    OPENAI_API_KEY: 'sk-openai',
    OPENAI_BASE_URL: 'http://gateway/v1',
    ANTHROPIC_API_KEY: 'sk-ant',
    ANTHROPIC_BASE_URL: 'http://gateway',
    ANTHROPIC_AUTH_TOKEN: 'gateway-token',
    ANTHROPIC_MODEL: 'claude-sonnet-4-5',
    AIDER_MODEL: 'gpt-4o',
    GITHUB_TOKEN: 'ghp_secret',
    AWS_SECRET_ACCESS_KEY: 'secret',
  };

  it('gives Codex its key as CODEX_API_KEY, the only name `codex exec` reads', () => {
    const env = agentEnvironment(worker, identity, { preset: 'codex' });
    expect(env.CODEX_API_KEY).toBe('sk-openai');
    expect(env.ANTHROPIC_API_KEY).toBeUndefined();
    expect(
      agentEnvironment({ ...worker, CODEX_API_KEY: 'sk-codex' }, identity, { preset: 'codex' }).CODEX_API_KEY,
    ).toBe('sk-codex');
  });

  it('gives Claude Code its gateway, bearer token and model, and not the OpenAI key', () => {
    const env = agentEnvironment(worker, identity, { preset: 'claude-code' });
    expect(env).toMatchObject({
      ANTHROPIC_API_KEY: 'sk-ant',
      ANTHROPIC_BASE_URL: 'http://gateway',
      ANTHROPIC_AUTH_TOKEN: 'gateway-token',
      ANTHROPIC_MODEL: 'claude-sonnet-4-5',
    });
    expect(env.OPENAI_API_KEY).toBeUndefined();
  });

  it('gives Aider its litellm keys and its own AIDER_* settings', () => {
    const env = agentEnvironment(worker, identity, { preset: 'aider' });
    expect(env).toMatchObject({ OPENAI_API_KEY: 'sk-openai', AIDER_MODEL: 'gpt-4o' });
    expect(env.ANTHROPIC_AUTH_TOKEN).toBeUndefined();
  });

  it('never passes the GitHub token or AWS credentials for any preset', () => {
    for (const preset of ['aider', 'claude-code', 'codex', 'custom'] as const) {
      const env = agentEnvironment(worker, identity, { preset });
      expect(Object.values(env)).not.toContain('ghp_secret');
      expect(Object.values(env)).not.toContain('secret');
    }
  });

  it('stops Rich wrapping Aider’s lines at 80 columns, and makes opening a browser a no-op', () => {
    const env = agentEnvironment(worker, identity, { preset: 'aider' });
    expect(Number(env.COLUMNS)).toBeGreaterThanOrEqual(1000);
    expect(env.BROWSER).toBe('true');
  });
});
