/**
 * The only URLs the shell opens in the user's browser: a pull request or issue on the configured
 * GitHub server, in a repository on the allowlist. Everything else (other schemes, hosts, lookalike
 * hosts, credentials in the URL, encoded slashes, query strings) is refused. Pure.
 */

export interface LinkPolicy {
  /** github.serverUrl, e.g. https://github.com or a GitHub Enterprise Server URL. */
  readonly serverUrl: string;
  /** owner/name entries; GitHub compares them case-insensitively. */
  readonly repositories: readonly string[];
}

export type UrlCheck =
  { readonly ok: true; readonly url: string } | { readonly ok: false; readonly why: string };

const PATH = /^\/([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})\/(pull|issues)\/([1-9]\d{0,9})$/;
const FRAGMENT = /^(#[A-Za-z0-9_-]{0,100})?$/;

export function checkExternalUrl(raw: string, policy: LinkPolicy): UrlCheck {
  // Refuse what URL parsing would quietly repair: whitespace, control characters, backslashes.
  // eslint-disable-next-line no-control-regex
  if (raw.length > 2000 || /[\s\u0000-\u001f\u007f\\]/.test(raw)) return refuse('malformed');
  // The app never builds URLs with percent-escapes or dot segments; parsing would resolve them.
  if (raw.includes('%') || /\/\.{1,2}(?:[/#]|$)/.test(raw)) return refuse('escapes or dot segments');
  let url: URL;
  let server: URL;
  try {
    url = new URL(raw);
    server = new URL(policy.serverUrl);
  } catch {
    return refuse('not a URL');
  }
  if (url.protocol !== 'https:' || server.protocol !== 'https:') return refuse('not https');
  if (url.username !== '' || url.password !== '') return refuse('credentials in URL');
  if (url.host !== server.host) return refuse('not the GitHub server');
  if (url.search !== '' || raw.includes('?')) return refuse('query string');
  if (!FRAGMENT.test(url.hash)) return refuse('unexpected fragment');
  // A GitHub Enterprise server may live under a path prefix (https://host/prefix).
  const prefix = server.pathname.replace(/\/+$/, '');
  if (!url.pathname.startsWith(`${prefix}/`)) return refuse('outside the server');
  const match = PATH.exec(url.pathname.slice(prefix.length));
  if (!match) return refuse('not a pull request or issue');
  const repository = `${match[1]}/${match[2]}`.toLowerCase();
  if (!policy.repositories.some((allowed) => allowed.toLowerCase() === repository)) {
    return refuse('repository not allowed');
  }
  return { ok: true, url: url.href };
}

export function isAllowedExternalUrl(raw: string, policy: LinkPolicy): boolean {
  return checkExternalUrl(raw, policy).ok;
}

function refuse(why: string): UrlCheck {
  return { ok: false, why };
}
