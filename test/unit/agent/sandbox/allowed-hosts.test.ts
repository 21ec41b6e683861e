import { describe, expect, it } from 'vitest';
import {
  allowedHostsFor,
  hostAllowed,
  hostOfUrl,
  normaliseHostEntry,
} from '../../../../src-main/engine/agent/sandbox/allowed-hosts.ts';

const agent = (overrides: Partial<Parameters<typeof allowedHostsFor>[0]['agent']> = {}) => ({
  preset: 'aider' as const,
  model: null,
  command: null,
  extraArgs: [],
  ...overrides,
});

describe('the hosts a sandboxed agent may reach', () => {
  it('allows the API of each provider whose key is set, and nothing for an unset one', () => {
    expect(
      allowedHostsFor({ agent: agent(), environment: { OPENAI_API_KEY: 'k', GROQ_API_KEY: '' } }),
    ).toEqual(['api.openai.com:443']);
  });

  it('allows the presets’ own APIs', () => {
    expect(allowedHostsFor({ agent: agent({ preset: 'claude-code' }), environment: {} })).toEqual([
      'api.anthropic.com:443',
    ]);
    expect(allowedHostsFor({ agent: agent({ preset: 'codex' }), environment: {} })).toEqual([
      'api.openai.com:443',
      'chatgpt.com:443',
    ]);
  });

  it('follows the model name, and a local Ollama by default for ollama/ models', () => {
    expect(allowedHostsFor({ agent: agent({ model: 'openrouter/x/y' }), environment: {} })).toEqual([
      'openrouter.ai:443',
    ]);
    expect(allowedHostsFor({ agent: agent({ model: 'ollama_chat/qwen' }), environment: {} })).toEqual([
      '127.0.0.1:11434',
    ]);
    expect(
      allowedHostsFor({
        agent: agent({ model: 'ollama/qwen' }),
        environment: { OLLAMA_API_BASE: 'http://box:11434' },
      }),
    ).toEqual(['box:11434']);
  });

  it('allows exactly the host and port of base URLs from variables and flags', () => {
    const hosts = allowedHostsFor({
      agent: agent({
        preset: 'custom',
        command: ['my-agent'],
        extraArgs: [
          '--openai-api-base',
          'http://127.0.0.1:8080/v1',
          '--anthropic-api-base=https://gw.example',
        ],
      }),
      environment: {
        ANTHROPIC_BASE_URL: 'https://proxy.corp:8443/anthropic',
        OPENAI_BASE_URL: 'not a url at all',
      },
    });
    expect(hosts).toEqual(['127.0.0.1:8080', 'gw.example:443', 'proxy.corp:8443']);
  });

  it('reads Codex’s base URL from -c openai_base_url=…', () => {
    const hosts = allowedHostsFor({
      agent: agent({ preset: 'codex', extraArgs: ['-c', 'openai_base_url="http://127.0.0.1:9999/v1"'] }),
      environment: {},
    });
    expect(hosts).toContain('127.0.0.1:9999');
  });

  it('adds the hosts from settings, normalised, and drops entries that are not hosts', () => {
    const hosts = allowedHostsFor({
      agent: agent({
        allowedHosts: ['PyPI.org', 'https://files.example.com/simple', '*.npmjs.org', 'a b', 'x;rm'],
      }),
      environment: {},
    });
    expect(hosts).toEqual(['*.npmjs.org', 'files.example.com:443', 'pypi.org']);
  });
});

describe('matching a destination', () => {
  const allowed = ['api.openai.com:443', 'pypi.org', '*.npmjs.org', '127.0.0.1:8080', '[::1]:9000'];

  it.each([
    ['api.openai.com', 443, true],
    ['API.OpenAI.com.', 443, true],
    ['api.openai.com', 80, false],
    ['evil-api.openai.com', 443, false],
    ['pypi.org', 443, true],
    ['pypi.org', 80, true],
    ['pypi.org', 22, false],
    ['registry.npmjs.org', 443, true],
    ['npmjs.org', 443, false],
    ['xnpmjs.org', 443, false],
    ['127.0.0.1', 8080, true],
    ['127.0.0.1', 8081, false],
    ['localhost', 8080, false],
    ['[::1]', 9000, true],
    ['::1', 9000, true],
  ])('%s:%i → %s', (host, port, expected) => {
    expect(hostAllowed(allowed, host, port)).toBe(expected);
  });

  it('allows nothing when the list is empty', () => {
    expect(hostAllowed([], 'api.openai.com', 443)).toBe(false);
  });

  it('reads host and port from URLs, with the scheme’s default port', () => {
    expect(hostOfUrl('https://api.example.com/v1')).toBe('api.example.com:443');
    expect(hostOfUrl('localhost:11434')).toBe('localhost:11434');
    expect(hostOfUrl('ftp://x')).toBeNull();
    expect(hostOfUrl(undefined)).toBeNull();
    expect(normaliseHostEntry('  Example.COM:8443 ')).toBe('example.com:8443');
  });
});
