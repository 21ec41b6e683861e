/**
 * Whether a user may push to the repository: GitHub's permission for them is admin, maintain or
 * write. Someone who is not a collaborator at all has none. Fails with a GitHubError.
 */
import type { GitHubClient } from './github-client.ts';
import { toGitHubError } from './github-errors.ts';
import type { RepositoryRef } from './repository-ref.ts';

/** Roles that may hand work to the worker. GitHub reports maintain as permission "write". */
const WRITER_ROLES: ReadonlySet<string> = new Set(['admin', 'maintain', 'write']);

export interface WriteAccess {
  readonly writer: boolean;
  /** The role as GitHub names it, or "none" for someone who is not a collaborator. */
  readonly role: string;
}

export async function getWriteAccess(
  client: GitHubClient,
  repository: RepositoryRef,
  username: string,
  signal?: AbortSignal,
): Promise<WriteAccess> {
  const { owner, repo, fullName } = repository;
  const role = await client.rest.repos
    .getCollaboratorPermissionLevel({ owner, repo, username, request: { signal } })
    .then((response) => response.data)
    .catch((error: unknown) => {
      if ((error as { status?: number }).status === 404) return null;
      throw toGitHubError(error, {
        action: `read collaborator permissions of ${fullName}`,
        permission: 'Metadata: read (and push access for the token owner)',
      });
    });
  if (!role) return { writer: false, role: 'none' };
  return {
    writer: WRITER_ROLES.has(role.permission) || WRITER_ROLES.has(role.role_name),
    role: role.role_name || role.permission,
  };
}
