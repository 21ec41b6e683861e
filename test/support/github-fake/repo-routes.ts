/** The fake's repositories API: a repository, and a collaborator's permission on it. */
import { NOT_FOUND, type RepoRoutes } from './route-handler.ts';

export const repoRoutes: RepoRoutes = {
  'GET /repos/{owner}/{repo}': ({ payloads }, repo) => [200, payloads.repo(repo)],

  'GET /repos/{owner}/{repo}/collaborators/{username}/permission': ({ payloads }, repo, { params }) => {
    const role = repo.collaborators.get(params.username ?? '');
    if (!role) return NOT_FOUND;
    const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
    return [200, { permission, role_name: role, user: payloads.user(params.username ?? '') }];
  },
};
