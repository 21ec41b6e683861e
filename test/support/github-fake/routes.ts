/**
 * Sends a request GitHub's description accepts to the handler for its operation: /user here, the
 * repository's resources in their own files. An operation GitHub has but the fake lacks is a
 * violation, answered 501.
 */
import { issueRoutes } from './issue-routes.ts';
import { pullRoutes } from './pull-routes.ts';
import { repoRoutes } from './repo-routes.ts';
import { reviewRoutes } from './review-routes.ts';
import {
  NOT_FOUND,
  type Reply,
  type RepoRoutes,
  type RouteContext,
  type RouteRequest,
} from './route-handler.ts';

const repositoryRoutes: RepoRoutes = { ...repoRoutes, ...issueRoutes, ...pullRoutes, ...reviewRoutes };

export async function dispatch(
  context: RouteContext,
  method: string,
  route: string,
  request: RouteRequest,
  violations: string[],
): Promise<Reply> {
  if (route === '/user' && method === 'GET') return currentUser(context);
  const repo = context.state.findRepo(request.params.owner, request.params.repo);
  if (!repo) return NOT_FOUND;
  const key = `${method} ${route}`;
  const handler = repositoryRoutes[key];
  if (!handler) {
    violations.push(`${key}: described by GitHub but not implemented by the fake`);
    return [501, { message: 'Not implemented in the fake' }];
  }
  return handler(context, repo, request);
}

/** GET /user: who the token belongs to, with its classic scopes unless it is fine-grained. */
function currentUser({ options, payloads }: RouteContext): Reply {
  const login = options.login ?? 'worker-bot';
  const scopes = options.scopes === undefined ? ['repo'] : options.scopes;
  return [200, payloads.user(login), scopes === null ? {} : { 'x-oauth-scopes': scopes.join(', ') }];
}
