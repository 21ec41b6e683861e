/**
 * What a route handler of the GitHub fake gets and gives back, and GitHub's Link-header
 * pagination, which the list endpoints share.
 */
import type { GitHubFakeOptions } from './options.ts';
import type { Payloads } from './payloads.ts';
import type { FakeRepo, FakeState } from './state.ts';

/** Status, JSON payload, extra response headers. */
export type Reply = [number, unknown, Record<string, string>?];

export interface RouteRequest {
  /** Path parameters by their OpenAPI names, e.g. owner, repo, issue_number. */
  readonly params: Record<string, string>;
  readonly url: URL;
  readonly body: unknown;
}

export interface RouteContext {
  readonly state: FakeState;
  readonly payloads: Payloads;
  readonly options: GitHubFakeOptions;
}

/** Answers one operation on a repository that exists (others get 404 before the handler runs). */
export type RepoHandler = (
  context: RouteContext,
  repo: FakeRepo,
  request: RouteRequest,
) => Reply | Promise<Reply>;

/** Handlers by `${METHOD} ${OpenAPI path template}`. */
export type RepoRoutes = Record<string, RepoHandler>;

export const NOT_FOUND: Reply = [404, { message: 'Not Found' }];

/** One page of `items`, with a Link header to the next page when there is one. */
export function page(url: URL, items: unknown[]): Reply {
  const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const headers: Record<string, string> = {};
  if (page * perPage < items.length) {
    const next = new URL(url);
    next.searchParams.set('page', String(page + 1));
    next.searchParams.set('per_page', String(perPage));
    headers.link = `<${next.toString()}>; rel="next"`;
  }
  return [200, slice, headers];
}
