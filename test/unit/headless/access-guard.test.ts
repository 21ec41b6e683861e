import { describe, expect, it } from 'vitest';
import { checkAccess, readCookie, tokenCookieName } from '../../../src-main/headless/access-guard.ts';
import { resolveInside } from '../../../src-main/headless/static-files.ts';

const token = 'secret-token-123';
const port = 4100;
const own = { host: `127.0.0.1:${port}`, origin: undefined, cookie: undefined };

describe('headless access guard', () => {
  it('lets the printed URL in and says the cookie should be set', () => {
    expect(checkAccess({ ...own, url: `/?token=${token}` }, token, port)).toEqual({
      ok: true,
      viaQuery: true,
    });
  });

  it('lets the page in on its cookie', () => {
    const cookie = `other=1; ${tokenCookieName(port)}=${token}`;
    expect(checkAccess({ ...own, cookie, url: '/assets/app.js' }, token, port)).toEqual({
      ok: true,
      viaQuery: false,
    });
  });

  it('refuses a request without the token', () => {
    expect(checkAccess({ ...own, url: '/' }, token, port)).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a wrong token of the same length', () => {
    expect(checkAccess({ ...own, url: '/?token=secret-token-124' }, token, port)).toMatchObject({
      ok: false,
    });
  });

  it('refuses a cross-origin request even with the token', () => {
    const facts = { ...own, origin: 'https://evil.example', url: `/?token=${token}` };
    expect(checkAccess(facts, token, port)).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses a foreign Host header (DNS rebinding)', () => {
    const facts = { ...own, host: `evil.example:${port}`, url: `/?token=${token}` };
    expect(checkAccess(facts, token, port)).toMatchObject({ ok: false, status: 403 });
  });

  it('accepts our own origin on localhost', () => {
    const facts = {
      host: `localhost:${port}`,
      origin: `http://localhost:${port}`,
      cookie: undefined,
      url: `/?token=${token}`,
    };
    expect(checkAccess(facts, token, port).ok).toBe(true);
  });

  it('reads URL-encoded cookie values', () => {
    expect(readCookie('a=1; b=x%3Dy', 'b')).toBe('x=y');
    expect(readCookie(undefined, 'b')).toBeNull();
  });

  it('treats a malformed cookie as no token instead of throwing', () => {
    expect(readCookie('codingworker_token_4100=%E0%A4%A', 'codingworker_token_4100')).toBeNull();
    const facts = { ...own, cookie: `${tokenCookieName(port)}=%E0%A4%A`, url: '/' };
    expect(checkAccess(facts, token, port)).toMatchObject({ ok: false, status: 401 });
  });

  it('does not accept the cookie of a worker on another port', () => {
    const facts = { ...own, cookie: `${tokenCookieName(port + 1)}=${token}`, url: '/' };
    expect(checkAccess(facts, token, port)).toMatchObject({ ok: false });
  });
});

describe('static file resolution', () => {
  it.each(['/../secret', '/%2e%2e/secret', '/assets/../../etc/passwd', '/a%00b'])(
    'never leaves the UI folder for %s',
    (path) => {
      expect(resolveInside('/srv/ui', path)).toBeNull();
    },
  );

  it('maps / to index.html and assets inside the folder', () => {
    expect(resolveInside('/srv/ui', '/')).toBe('/srv/ui/index.html');
    expect(resolveInside('/srv/ui', '/assets/app.js')).toBe('/srv/ui/assets/app.js');
  });
});
