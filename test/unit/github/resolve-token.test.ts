import { describe, expect, it } from 'vitest';
import { resolveGitHubToken } from '../../../src-main/engine/github/resolve-token.ts';

const GH = 'gho_fromTheGitHubCli0123456789abcdefghij';

describe('finding the GitHub token', () => {
  it('prefers GITHUB_TOKEN, then GH_TOKEN from the environment', async () => {
    const runGh = async () => GH;
    expect(
      await resolveGitHubToken({ env: { GITHUB_TOKEN: ' env-token ', GH_TOKEN: 'other' }, runGh }),
    ).toEqual({
      token: 'env-token',
      source: 'GITHUB_TOKEN',
    });
    expect(await resolveGitHubToken({ env: { GH_TOKEN: 'gh-env' }, runGh })).toEqual({
      token: 'gh-env',
      source: 'GH_TOKEN',
    });
  });

  it('asks `gh auth token` for the configured host next', async () => {
    const calls: (readonly string[])[] = [];
    const result = await resolveGitHubToken({
      env: {},
      host: 'ghe.example.com',
      runGh: async (args) => {
        calls.push(args);
        return `${GH}\n`;
      },
    });
    expect(result).toEqual({ token: GH, source: 'gh' });
    expect(calls).toEqual([['auth', 'token', '--hostname', 'ghe.example.com']]);
  });

  it('falls back to the secret store, and says null when there is no token anywhere', async () => {
    const store = { get: async (name: string) => (name === 'github-token' ? 'stored-token' : null) };
    expect(await resolveGitHubToken({ env: {}, secretStore: store, runGh: async () => null })).toEqual({
      token: 'stored-token',
      source: 'secret-store',
    });
    expect(
      await resolveGitHubToken({ env: {}, runGh: async () => 'no oauth token found for github.com' }),
    ).toBeNull();
  });

  it('copes with gh not being installed', async () => {
    expect(await resolveGitHubToken({ env: { PATH: '/nonexistent' } })).toBeNull();
  });
});
