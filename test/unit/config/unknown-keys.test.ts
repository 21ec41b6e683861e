import { describe, expect, it } from 'vitest';
import { loadConfigLeniently } from '../../../src-main/engine/config/lenient-config.ts';
import {
  closestKey,
  describeUnknownKey,
  unknownConfigFileKeys,
  unknownSettingsKeys,
} from '../../../src-main/engine/config/unknown-keys.ts';

describe('unknown configuration keys', () => {
  it('names each unknown key of a config file with the closest known one, sections included', () => {
    const found = unknownConfigFileKeys(
      {
        repositorys: [],
        leaseSecond: 60,
        queueUrl: 'x',
        agent: { modle: 'gpt', preset: 'aider' },
        zzzzzzzz: 1,
      },
      '/etc/cw.json',
    );
    expect(found).toEqual([
      { key: 'repositorys', where: 'the config file /etc/cw.json', closest: 'repositories' },
      { key: 'leaseSecond', where: 'the config file /etc/cw.json', closest: 'leaseSeconds' },
      { key: 'agent.modle', where: 'the config file /etc/cw.json', closest: 'agent.model' },
      { key: 'zzzzzzzz', where: 'the config file /etc/cw.json', closest: null },
    ]);
    expect(describeUnknownKey(found[0]!)).toBe(
      'unknown key "repositorys" in the config file /etc/cw.json is ignored (did you mean "repositories"?)',
    );
    expect(describeUnknownKey(found[3]!)).toBe(
      'unknown key "zzzzzzzz" in the config file /etc/cw.json is ignored',
    );
  });

  it('knows every key the schemas know, so a valid file has none', () => {
    expect(
      unknownConfigFileKeys(
        {
          queueUrl: 'x',
          leaseSeconds: 300,
          heartbeatSeconds: 60,
          retryBackoffSeconds: [1],
          agent: { preset: 'aider', command: null, model: null, extraArgs: [] },
          github: { apiUrl: 'x', serverUrl: 'x', openAsDraft: false },
        },
        'f',
      ),
    ).toEqual([]);
    expect(unknownSettingsKeys({ queueUrl: '', locale: 'ja', concurrency: 1 })).toEqual([]);
  });

  it('finds unknown keys in the saved settings too', () => {
    expect(unknownSettingsKeys({ queueUrl: '', consurrency: 2 })).toEqual([
      { key: 'consurrency', where: 'the saved settings', closest: 'concurrency' },
    ]);
    expect(unknownSettingsKeys(undefined)).toEqual([]);
  });

  it('suggests a key only when it is close', () => {
    expect(closestKey('leaseseconds', ['leaseSeconds', 'concurrency'])).toBe('leaseSeconds');
    expect(closestKey('colour', ['leaseSeconds', 'concurrency'])).toBeNull();
  });
});

describe('the configuration as far as it is valid (for the doctor)', () => {
  it('reports every invalid key, uses defaults for them, and leaves a missing queue URL null', () => {
    const { config, problems } = loadConfigLeniently({
      env: {
        CODINGWORKER_LEASE_SECONDS: '5',
        CODINGWORKER_CONCURRENCY: '99',
        CODINGWORKER_DATA_DIR: '/tmp/x',
      },
    });
    expect(config.queueUrl).toBeNull();
    expect(config.leaseSeconds).toBe(300);
    expect(config.concurrency).toBe(1);
    expect(problems.map((problem) => problem.key)).toEqual(['queueUrl', 'leaseSeconds', 'concurrency']);
    expect(problems[0]!.message).toBe('Invalid configuration: queueUrl is required');
    expect(problems[1]!.message).toMatch(
      /^Invalid configuration: leaseSeconds \(CODINGWORKER_LEASE_SECONDS\) /,
    );
  });

  it('drops an invalid nested value without losing the rest of its section', () => {
    const { config, problems } = loadConfigLeniently({
      env: { CODINGWORKER_DATA_DIR: '/tmp/x' },
      stored: {
        queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/q',
        agent: { preset: 'nope', model: 'kept' },
        retryBackoffSeconds: [1, -1],
      },
    });
    expect(config.queueUrl).toBe('https://sqs.eu-west-1.amazonaws.com/123456789012/q');
    expect(config.agent).toMatchObject({ preset: 'aider', model: 'kept' });
    expect(config.retryBackoffSeconds).toEqual([60, 300, 900]);
    expect(problems.map((problem) => problem.key).sort()).toEqual(['agent', 'retryBackoffSeconds']);
  });
});
