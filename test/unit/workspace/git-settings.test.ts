import { describe, expect, it } from 'vitest';
import { credentialPrompts, networkEnvironment } from '../../../src-main/engine/workspace/askpass.ts';
import { absolutePath, allowedProtocols, gitEnvironment } from '../../../src-main/engine/workspace/git.ts';

describe('git settings', () => {
  it('allows https always, and http or file only when the server URL uses them', () => {
    expect(allowedProtocols('https://github.com')).toEqual(['https']);
    expect(allowedProtocols('https://ghe.example.com:8443/')).toEqual(['https']);
    expect(allowedProtocols('http://127.0.0.1:3000')).toEqual(['https', 'http']);
    expect(allowedProtocols('file:///srv/git')).toEqual(['https', 'file']);
    expect(allowedProtocols('ext::sh -c id')).toEqual(['https']);
  });

  it('knows the exact prompts git shows for the server, port included and path left out', () => {
    expect(credentialPrompts('https://github.com')).toEqual({
      username: "Username for 'https://github.com': ",
      password: "Password for 'https://x-access-token@github.com': ",
    });
    expect(credentialPrompts('http://127.0.0.1:8080/prefix')).toEqual({
      username: "Username for 'http://127.0.0.1:8080': ",
      password: "Password for 'http://x-access-token@127.0.0.1:8080': ",
    });
    expect(credentialPrompts('file:///srv/git')).toBeNull();
  });

  it('gives git the token only for an HTTP(S) server, and never outside the askpass variables', () => {
    const env = gitEnvironment({ PATH: '/usr/bin', GITHUB_TOKEN: 'ghp_x', GIT_DIR: '/elsewhere' });
    expect(env).not.toHaveProperty('GITHUB_TOKEN');
    expect(env).not.toHaveProperty('GIT_DIR');
    expect(networkEnvironment(env, { askpass: '/a', token: 'tok', serverUrl: 'file:///srv' })).toBe(env);
    expect(networkEnvironment(env, { askpass: '/a', token: null, serverUrl: 'https://github.com' })).toBe(
      env,
    );
    const network = networkEnvironment(env, { askpass: '/a', token: 'tok', serverUrl: 'https://github.com' });
    expect(network.GIT_ASKPASS).toBe('/a');
    expect(
      Object.entries(network)
        .filter(([, value]) => value === 'tok')
        .map(([key]) => key),
    ).toEqual(['CODINGWORKER_GIT_TOKEN']);
  });

  it('keeps only absolute PATH entries', () => {
    expect(absolutePath('.:bin::/usr/local/bin:./x:/usr/bin')).toBe('/usr/local/bin:/usr/bin');
    expect(gitEnvironment({ PATH: 'tools:/usr/bin' }).PATH).toBe('/usr/bin');
  });
});
