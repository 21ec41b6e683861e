/** Every provider key, model prefix, base-URL variable and flag the sandbox's host list knows, one by one. */
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

describe('the hosts each provider key allows', () => {
  it.each([
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
  ])('%s → %s', (key, host) => {
    expect(allowedHostsFor({ agent: agent(), environment: { [key]: 'k' } })).toEqual([host]);
  });

  it('allows nothing for an aider without key, model or settings', () => {
    expect(allowedHostsFor({ agent: agent(), environment: {} })).toEqual([]);
    expect(allowedHostsFor({ agent: agent({ model: 'unknown-model' }), environment: {} })).toEqual([]);
  });
});

describe('the host each model name allows', () => {
  it.each([
    ['openai/gpt-4o', 'api.openai.com:443'],
    ['gpt-4o', 'api.openai.com:443'],
    ['o3-mini', 'api.openai.com:443'],
    ['ChatGPT-4o-latest', 'api.openai.com:443'],
    ['anthropic/claude-3', 'api.anthropic.com:443'],
    ['claude-sonnet-4', 'api.anthropic.com:443'],
    ['gemini/gemini-2.5-pro', 'generativelanguage.googleapis.com:443'],
    ['gemini-2.5-pro', 'generativelanguage.googleapis.com:443'],
    ['deepseek/deepseek-chat', 'api.deepseek.com:443'],
    ['openrouter/anthropic/x', 'openrouter.ai:443'],
    ['groq/llama', 'api.groq.com:443'],
    ['mistral/large', 'api.mistral.ai:443'],
    ['xai/grok', 'api.x.ai:443'],
  ])('%s → %s', (model, host) => {
    expect(allowedHostsFor({ agent: agent({ model }), environment: {} })).toEqual([host]);
  });

  it.each([
    'my-openai/gpt',
    'xgpt-4',
    'oX',
    'my-claude',
    'not-gemini',
    'my-deepseek',
    'openrouter',
    'my-openrouter/x',
    'groq',
    'my-groq/x',
    'mistral',
    'my-mistral/x',
    'xai',
    'my-xai/x',
    'my-ollama/x',
    'ollamax/x',
  ])('%s alone allows nothing', (model) => {
    expect(allowedHostsFor({ agent: agent({ model }), environment: {} })).toEqual([]);
  });

  it('allows a local Ollama for ollama/ models only when no Ollama address is set', () => {
    expect(allowedHostsFor({ agent: agent({ model: 'Ollama/qwen' }), environment: {} })).toEqual([
      '127.0.0.1:11434',
    ]);
    expect(
      allowedHostsFor({ agent: agent({ model: 'ollama/qwen' }), environment: { OLLAMA_HOST: 'gpu:1234' } }),
    ).toEqual(['gpu:1234']);
  });
});

describe('base URLs', () => {
  it.each([
    'OPENAI_API_BASE',
    'OPENAI_BASE_URL',
    'ANTHROPIC_BASE_URL',
    'AZURE_API_BASE',
    'OLLAMA_API_BASE',
    'OLLAMA_HOST',
    'LM_STUDIO_API_BASE',
  ])('%s allows exactly its host and port', (name) => {
    expect(
      allowedHostsFor({ agent: agent(), environment: { [name]: 'http://Models.Local:7000/v1' } }),
    ).toEqual(['models.local:7000']);
  });

  it('reads both flags in both forms, from the command and the extra arguments', () => {
    const hosts = allowedHostsFor({
      agent: agent({
        command: ['agent', '--anthropic-api-base', 'https://a.example'],
        extraArgs: ['--openai-api-base=http://b.example:81'],
      }),
      environment: {},
    });
    expect(hosts).toEqual(['a.example:443', 'b.example:81']);
  });

  it('ignores a flag at the end with no value, and look-alike flags', () => {
    const hosts = allowedHostsFor({
      agent: agent({
        extraArgs: [
          '--openai-api-basex=http://c.example',
          '--openai-api-base-url',
          'http://d.example',
          '--openai-api-base',
        ],
      }),
      environment: {},
    });
    expect(hosts).toEqual([]);
  });

  it('reads Codex’s provider base URLs after -c or --config only, quoted or not', () => {
    const hosts = allowedHostsFor({
      agent: agent({
        extraArgs: [
          '-c',
          'model_providers.my-box.base_url=http://e.example:82',
          '--config',
          '\'base_url="http://f.example:83"\'',
          '-c',
          'openai_base_url=http://g.example:84',
          '--set',
          'base_url=http://h.example:85',
          'base_url=http://i.example:86',
          '-c',
          'xbase_url=http://j.example:87',
          '-c',
          'base_url_extra=http://k.example:88',
        ],
      }),
      environment: {},
    });
    expect(hosts).toEqual(['e.example:82', 'f.example:83', 'g.example:84']);
  });

  it('strips only the quotes around a value, never one inside it', () => {
    const hosts = allowedHostsFor({
      agent: agent({ extraArgs: ['-c', "base_url=http://a'b.example"] }),
      environment: {},
    });
    expect(hosts).toEqual(["a'b.example:80"]);
  });
});

describe('host entries and URLs', () => {
  it('normalises the settings’ host entries and drops the rest', () => {
    expect(normaliseHostEntry('HTTP://Example.com:8080/path')).toBe('example.com:8080');
    expect(normaliseHostEntry('*.Example.com')).toBe('*.example.com');
    expect(normaliseHostEntry('example.com:443')).toBe('example.com:443');
    expect(normaliseHostEntry('[::1]:9000')).toBe('[::1]:9000');
    expect(normaliseHostEntry('[::1]')).toBe('[::1]');
    for (const bad of [
      '',
      'a b',
      'x;rm',
      'example.com:123456',
      '**.example.com',
      'a.*.com',
      'example.com:',
      '[::1]x',
      'x[::1]',
      'host:80x',
    ])
      expect(normaliseHostEntry(bad)).toBeNull();
  });

  it('reads host and port from URLs, defaulting to http without a scheme', () => {
    expect(hostOfUrl('http://example.com')).toBe('example.com:80');
    expect(hostOfUrl('https://example.com:8443')).toBe('example.com:8443');
    expect(hostOfUrl('example.com')).toBe('example.com:80');
    expect(hostOfUrl('')).toBeNull();
    expect(hostOfUrl('http://')).toBeNull();
    expect(hostOfUrl('file:///etc/passwd')).toBeNull();
    expect(hostOfUrl('HTTPS://Example.com')).toBe('example.com:443');
    // Not a scheme (it starts with a digit): read as a host name.
    expect(hostOfUrl('1http://example.com')).toBe('1http:80');
  });

  it('matches entries with a port exactly, and entries without one on 443 and 80 only', () => {
    expect(hostAllowed(['example.com:8080'], 'example.com', 8080)).toBe(true);
    expect(hostAllowed(['example.com:8080'], 'example.com', 443)).toBe(false);
    expect(hostAllowed(['example.com'], 'example.com', 8080)).toBe(false);
    expect(hostAllowed(['[::1]'], '::1', 443)).toBe(true);
    expect(hostAllowed(['[::1]'], '[::1]', 8080)).toBe(false);
    expect(hostAllowed(['*.example.com'], 'a.b.example.com', 80)).toBe(true);
    expect(hostAllowed(['*.example.com'], '.example.com', 443)).toBe(false);
    expect(hostAllowed(['*.example.com'], 'example.com', 443)).toBe(false);
    expect(hostAllowed(['bad entry:x:y', 'example.com'], 'example.com', 443)).toBe(true);
    expect(hostAllowed(['[::1'], '[::1', 443)).toBe(false);
    expect(hostAllowed(['example.com'], 'Example.COM', 443)).toBe(true);
    expect(hostAllowed(['example.com'], 'example.com.', 443)).toBe(true);
    expect(hostAllowed(['example.com'], 'example.com..', 443)).toBe(false);
    expect(hostAllowed(['example.com'], '[example.com', 443)).toBe(true);
    expect(hostAllowed(['example.com'], 'example.com]', 443)).toBe(true);
    expect(hostAllowed(['example.com'], 'x]example.com', 443)).toBe(false);
    expect(hostAllowed(['example.com'], 'exa[mple.com', 443)).toBe(false);
    expect(hostAllowed(['example.com'], 'exa]mple.com', 443)).toBe(false);
    expect(hostAllowed(['*.example.com'], 'a.example.com', 443)).toBe(true);
  });

  it('ignores entries that are not one host with an optional port', () => {
    expect(hostAllowed(['x[::1]'], '::1', 443)).toBe(false);
    expect(hostAllowed(['[::1]x'], '::1', 443)).toBe(false);
    expect(hostAllowed(['a:b:443'], 'b', 443)).toBe(false);
    expect(hostAllowed(['example.com:443x'], 'example.com', 443)).toBe(false);
    expect(normaliseHostEntry('1http://x.example')).toBeNull();
  });
});
