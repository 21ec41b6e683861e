/**
 * Who may talk to the headless server. It listens on loopback only, but any web page the user opens
 * can still send requests to 127.0.0.1, so every request except /healthz must carry the session
 * token (query or cookie), come from our own origin, and name our host (against DNS rebinding).
 */
import { timingSafeEqual } from 'node:crypto';

/** Cookies are not separated by port: the name carries it, so two workers on one host do not collide. */
export function tokenCookieName(port: number): string {
  return `codingworker_token_${port}`;
}

export interface RequestFacts {
  readonly host: string | undefined;
  readonly origin: string | undefined;
  readonly cookie: string | undefined;
  readonly url: string;
}

export type AccessDecision =
  | { readonly ok: true; readonly viaQuery: boolean }
  | { readonly ok: false; readonly status: 403 | 401; readonly why: string };

export function checkAccess(facts: RequestFacts, token: string, port: number): AccessDecision {
  if (!isOwnHost(facts.host, port)) return { ok: false, status: 403, why: 'unexpected Host header' };
  if (facts.origin !== undefined && !isOwnOrigin(facts.origin, port)) {
    return { ok: false, status: 403, why: 'cross-origin request refused' };
  }
  const fromQuery = new URL(facts.url, 'http://localhost').searchParams.get('token');
  if (fromQuery !== null && sameSecret(fromQuery, token)) return { ok: true, viaQuery: true };
  const fromCookie = readCookie(facts.cookie, tokenCookieName(port));
  if (fromCookie !== null && sameSecret(fromCookie, token)) return { ok: true, viaQuery: false };
  return { ok: false, status: 401, why: 'missing or wrong token' };
}

/** Loopback names only; /healthz also checks this so a rebound DNS name cannot read it. */
export function isOwnHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}

export function isOwnOrigin(origin: string, port: number): boolean {
  return (
    origin === `http://127.0.0.1:${port}` ||
    origin === `http://localhost:${port}` ||
    origin === `http://[::1]:${port}`
  );
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return null; // a malformed value is no token, not a crash
    }
  }
  return null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
