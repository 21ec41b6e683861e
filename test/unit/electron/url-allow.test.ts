import { describe, expect, it } from 'vitest';
import { checkExternalUrl, isAllowedExternalUrl } from '../../../src-main/electron/url-allow.ts';

const policy = { serverUrl: 'https://github.com', repositories: ['octo/app', 'Octo/Docs.site'] };

describe('external URL allow-check', () => {
  it.each([
    'https://github.com/octo/app/pull/42',
    'https://github.com/octo/app/issues/7',
    'https://github.com/OCTO/APP/pull/42',
    'https://github.com/octo/docs.site/issues/1',
    'https://github.com/octo/app/issues/7#issuecomment-123456',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url, policy)).toBe(true);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: dressed as a path', 'javascript://github.com/octo/app/pull/1%0aalert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['http', 'http://github.com/octo/app/pull/42'],
    ['userinfo before the host', 'https://github.com@evil.example/octo/app/pull/42'],
    ['userinfo on the right host', 'https://user:pass@github.com/octo/app/pull/42'],
    ['another host', 'https://evil.example/octo/app/pull/42'],
    ['a lookalike subdomain', 'https://github.com.evil.example/octo/app/pull/42'],
    ['a lookalike suffix', 'https://evilgithub.com/octo/app/pull/42'],
    ['a subdomain of the server', 'https://gist.github.com/octo/app/pull/42'],
    ['a unicode lookalike host', 'https://gıthub.com/octo/app/pull/42'],
    ['another port', 'https://github.com:8443/octo/app/pull/42'],
    ['a repository not on the allowlist', 'https://github.com/octo/other/pull/42'],
    ['another owner', 'https://github.com/evil/app/pull/42'],
    ['an encoded slash', 'https://github.com/octo%2Fapp/pull/42'],
    ['an encoded slash in the repo', 'https://github.com/octo/app%2F..%2F..%2Fevil/pull/1'],
    ['dot segments', 'https://github.com/evil/x/../../octo/app/pull/42'],
    ['encoded dot segments', 'https://github.com/octo/app/pull/%2e%2e/42'],
    ['a backslash', 'https:\\\\evil.example/octo/app/pull/42'],
    ['a backslash in the path', 'https://github.com/octo/app/pull/42\\..\\x'],
    ['whitespace', 'https://github.com/octo/app/pull/42 '],
    ['a newline', 'https://github.com/octo/app/pull/4\n2'],
    ['a query string', 'https://github.com/octo/app/pull/42?redirect=https://evil.example'],
    ['an empty query', 'https://github.com/octo/app/pull/42?'],
    ['another page of the repo', 'https://github.com/octo/app/settings'],
    ['a file in the repo', 'https://github.com/octo/app/blob/main/README.md'],
    ['a non-numeric number', 'https://github.com/octo/app/pull/abc'],
    ['issue zero', 'https://github.com/octo/app/issues/0'],
    ['a trailing path', 'https://github.com/octo/app/pull/42/files'],
    ['a protocol-relative URL', '//github.com/octo/app/pull/42'],
    ['a fragment with markup', 'https://github.com/octo/app/pull/42#<script>'],
    ['not a URL', 'not a url'],
    ['an empty string', ''],
  ])('refuses %s', (_what, url) => {
    expect(checkExternalUrl(url, policy)).toMatchObject({ ok: false });
  });

  it('refuses everything when the repository allowlist is empty', () => {
    expect(isAllowedExternalUrl('https://github.com/octo/app/pull/42', { ...policy, repositories: [] })).toBe(
      false,
    );
  });

  it('refuses everything when the configured server is not https', () => {
    const local = { serverUrl: 'http://127.0.0.1:3000', repositories: ['octo/app'] };
    expect(isAllowedExternalUrl('http://127.0.0.1:3000/octo/app/pull/1', local)).toBe(false);
  });

  it('supports a GitHub Enterprise Server, with a port and a path prefix', () => {
    const ghes = { serverUrl: 'https://git.example.com:8443/github/', repositories: ['team/tool'] };
    expect(isAllowedExternalUrl('https://git.example.com:8443/github/team/tool/pull/3', ghes)).toBe(true);
    expect(isAllowedExternalUrl('https://git.example.com/github/team/tool/pull/3', ghes)).toBe(false);
    expect(isAllowedExternalUrl('https://git.example.com:8443/team/tool/pull/3', ghes)).toBe(false);
    expect(isAllowedExternalUrl('https://github.com/team/tool/pull/3', ghes)).toBe(false);
  });

  it('returns the URL it checked, normalised', () => {
    expect(checkExternalUrl('https://GitHub.com/octo/app/pull/42', policy)).toEqual({
      ok: true,
      url: 'https://github.com/octo/app/pull/42',
    });
  });
});
