/**
 * Links to GitHub the UI may show: only https URLs on the configured server, to an issue or pull
 * request of a well-formed owner/name. The shell checks again (with the repository allowlist)
 * before it opens anything. Pure.
 */
import type { IssueRef, WorkerSnapshot } from '../../shared/snapshot.ts';

export const DEFAULT_SERVER_URL = 'https://github.com';

const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/;
const LINK_PATH = /^\/[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}\/(pull|issues)\/[1-9]\d{0,9}$/;

/**
 * The GitHub server the worker is configured for, from the snapshot's `githubServerUrl` (github.com
 * when it says none). '' — no links at all — when that server is not https: the sandbox's file://
 * demo repositories, or an http server; a link to github.com would point somewhere else entirely.
 */
export function serverUrlOf(snapshot: WorkerSnapshot | null): string {
  const value = (snapshot as { githubServerUrl?: unknown } | null)?.githubServerUrl;
  if (typeof value !== 'string') return DEFAULT_SERVER_URL;
  return value.startsWith('https://') ? value : '';
}

/** https://server/owner/name/issues/N, or null when any part is not what GitHub would produce. */
export function issueUrl(serverUrl: string, issue: IssueRef): string | null {
  if (!REPOSITORY.test(issue.repository) || !Number.isInteger(issue.number) || issue.number < 1) return null;
  const base = httpsBase(serverUrl);
  return base ? `${base}/${issue.repository}/issues/${issue.number}` : null;
}

/** A URL the engine reported (a PR link), if it is an issue or PR on the configured server. */
export function checkedGitHubUrl(url: string | null, serverUrl: string): string | null {
  if (!url || /[\s\\%?]/.test(url)) return null;
  const base = httpsBase(serverUrl);
  if (!base) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const server = new URL(base);
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.host !== server.host)
    return null;
  const path = parsed.pathname.slice(server.pathname.replace(/\/$/, '').length);
  if (!parsed.pathname.startsWith(server.pathname.replace(/\/$/, '') + '/') || !LINK_PATH.test(path))
    return null;
  return parsed.href;
}

function httpsBase(serverUrl: string): string | null {
  try {
    const url = new URL(serverUrl);
    if (url.protocol !== 'https:' || url.username || url.password || url.search || url.hash) return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}
