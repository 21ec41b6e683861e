import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src-main/engine/config/load-config.ts';
import { heartbeatMs } from '../../../src-main/engine/config/worker-config.ts';
import { splitCommandLine } from '../../../src-main/engine/config/split-command-line.ts';

const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/codingworker-tasks';
const base = { CODINGWORKER_QUEUE_URL: queueUrl, CODINGWORKER_DATA_DIR: '/tmp/cw' };

function configFile(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cw-config-'));
  const path = join(dir, 'config.json');
  writeFileSync(path, content);
  return path;
}

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({ env: base });
    expect(config).toMatchObject({
      queueUrl,
      leaseSeconds: 300,
      concurrency: 1,
      waitTimeSeconds: 20,
      repositories: [],
      retryBackoffSeconds: [60, 300, 900],
      agent: { preset: 'aider', command: null },
      github: { apiUrl: 'https://api.github.com', serverUrl: 'https://github.com', openAsDraft: false },
    });
    expect(heartbeatMs(config)).toBe(100_000);
  });

  it('reads the conventional environment variables', () => {
    const config = loadConfig({
      env: {
        ...base,
        CODINGWORKER_REPOSITORIES: 'octo/a, octo/b,,',
        CODINGWORKER_LEASE_SECONDS: '120',
        CODINGWORKER_CONCURRENCY: '3',
        CODINGWORKER_AGENT_COMMAND: 'my-agent --fast "two words"',
        AWS_REGION: 'eu-west-1',
        AWS_PROFILE: 'work-sso',
        AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:4566',
        GITHUB_API_URL: 'https://ghe.example.com/api/v3',
        GITHUB_SERVER_URL: 'https://ghe.example.com',
      },
    });
    expect(config).toMatchObject({
      repositories: ['octo/a', 'octo/b'],
      leaseSeconds: 120,
      concurrency: 3,
      region: 'eu-west-1',
      profile: 'work-sso',
      sqsEndpoint: 'http://127.0.0.1:4566',
      agent: { preset: 'aider', command: ['my-agent', '--fast', 'two words'] },
      github: { apiUrl: 'https://ghe.example.com/api/v3', serverUrl: 'https://ghe.example.com' },
    });
  });

  it('keeps the preset (and so its flags) when CODINGWORKER_AGENT_COMMAND names the program', () => {
    const config = loadConfig({
      env: {
        ...base,
        CODINGWORKER_AGENT_COMMAND: '/Users/me/.local/bin/aider',
        CODINGWORKER_AGENT_MODEL: 'gpt-4o',
      },
    });
    expect(config.agent).toMatchObject({
      preset: 'aider',
      command: ['/Users/me/.local/bin/aider'],
      model: 'gpt-4o',
    });
    const custom = loadConfig({
      env: { ...base, CODINGWORKER_AGENT_PRESET: 'custom', CODINGWORKER_AGENT_COMMAND: 'my-agent' },
    });
    expect(custom.agent).toMatchObject({ preset: 'custom', command: ['my-agent'] });
  });

  it('names the agent variables when one is invalid', () => {
    expect(() => loadConfig({ env: { ...base, CODINGWORKER_AGENT_PRESET: 'cursor' } })).toThrow(
      /agent\.preset \(CODINGWORKER_AGENT_PRESET\)/,
    );
  });

  it('lets the environment win over the config file', () => {
    const path = configFile(
      JSON.stringify({ queueUrl, leaseSeconds: 600, concurrency: 2, dataDir: '/tmp/x' }),
    );
    const config = loadConfig({ configPath: path, env: { CODINGWORKER_CONCURRENCY: '4' } });
    expect(config).toMatchObject({ leaseSeconds: 600, concurrency: 4, dataDir: '/tmp/x' });
  });

  it('names a missing queue URL', () => {
    expect(errorOf(() => loadConfig({ env: {} })).message).toBe(
      'Invalid configuration: queueUrl is required',
    );
  });

  it('names the variable behind a bad value', () => {
    const error = errorOf(() => loadConfig({ env: { ...base, CODINGWORKER_LEASE_SECONDS: 'five' } }));
    expect(error.key).toBe('leaseSeconds (CODINGWORKER_LEASE_SECONDS)');
  });

  it('names the file behind a bad value', () => {
    const path = configFile(JSON.stringify({ queueUrl: 'not a url' }));
    const error = errorOf(() => loadConfig({ configPath: path, env: {} }));
    expect(error.message).toBe(`Invalid configuration: queueUrl (in ${path}) must be an SQS queue URL`);
  });

  it('names a nested key', () => {
    const path = configFile(JSON.stringify({ queueUrl, agent: { preset: 'emacs' } }));
    expect(errorOf(() => loadConfig({ configPath: path, env: {} })).key).toMatch(/^agent\.preset/);
  });

  it('says when the config file is not JSON or cannot be read', () => {
    const path = configFile('{ "queueUrl": ');
    expect(errorOf(() => loadConfig({ configPath: path, env: {} })).message).toMatch(/is not valid JSON/);
    expect(errorOf(() => loadConfig({ configPath: '/nonexistent/cw.json', env: {} })).message).toMatch(
      /cannot be read: ENOENT/,
    );
    expect(errorOf(() => loadConfig({ configPath: configFile('[1]'), env: {} })).message).toMatch(
      /must hold a JSON object/,
    );
  });

  it('refuses a repository that is not owner/name', () => {
    const error = errorOf(() => loadConfig({ env: { ...base, CODINGWORKER_REPOSITORIES: 'octo' } }));
    expect(error.key).toBe('repositories.0 (CODINGWORKER_REPOSITORIES)');
  });
});

describe('splitCommandLine', () => {
  it.each([
    ['aider --model x', ['aider', '--model', 'x']],
    ['"/Applications/My Agent/bin" --go', ['/Applications/My Agent/bin', '--go']],
    ['a \'b c\' ""', ['a', 'b c', '']],
    ['["agent", "$(not expanded)"]', ['agent', '$(not expanded)']],
    ['agent $(whoami) `id` ; rm', ['agent', '$(whoami)', '`id`', ';', 'rm']],
  ])('splits %j without a shell', (line, words) => {
    expect(splitCommandLine(line)).toEqual(words);
  });

  it('refuses an unclosed quote', () => {
    expect(() => splitCommandLine('agent "oops')).toThrow(/unclosed "/);
  });
});

describe('layers', () => {
  it('merges the agent and github sections key by key across saved settings and the file', () => {
    const path = configFile(JSON.stringify({ queueUrl, dataDir: '/tmp/x', agent: { model: 'gpt-4o' } }));
    const config = loadConfig({
      configPath: path,
      env: {},
      stored: { agent: { preset: 'claude-code', extraArgs: ['--verbose'] }, github: { openAsDraft: true } },
    });
    expect(config.agent).toMatchObject({ preset: 'claude-code', model: 'gpt-4o', extraArgs: ['--verbose'] });
    expect(config.github.openAsDraft).toBe(true);
  });
});
