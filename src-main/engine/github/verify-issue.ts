/**
 * Checks on GitHub that a task message still asks for work: the repository is allowed, the issue is
 * open and still labelled, and the label was applied by someone with write access. The message is
 * only a hint — GitHub is the source of truth.
 *
 * Fails with a GitHubError when GitHub cannot answer (retryable) or the token lacks a permission
 * (not retryable, with the permission to grant).
 */
import type { GitHubClient } from './github-client.ts';
import { toGitHubError } from './github-errors.ts';
import { isAllowed, type RepositoryRef } from './repository-ref.ts';

export const TASK_LABEL = 'ai-task';

/** Roles that may hand work to the worker. GitHub reports maintain as permission "write". */
const WRITER_ROLES = new Set(['admin', 'maintain', 'write']);

export interface VerifiedIssue {
  readonly number: number;
  readonly title: string;
  readonly body: string;
  readonly htmlUrl: string;
  readonly defaultBranch: string;
  /** Login of whoever applied the label last. */
  readonly labeledBy: string;
  readonly labeledByRole: string;
}

export type IssueVerification =
  | { readonly kind: 'verified'; readonly issue: VerifiedIssue }
  /** Nothing to do any more (closed, label removed): delete the message. */
  | { readonly kind: 'noop'; readonly reason: string }
  /** Must not be done: quarantine the message with the reason. */
  | { readonly kind: 'refused'; readonly reason: string };

export interface VerifyIssueInput {
  readonly repository: RepositoryRef;
  readonly issueNumber: number;
  readonly allowlist: readonly string[];
  readonly label?: string;
  readonly signal?: AbortSignal;
}

export async function verifyIssue(client: GitHubClient, input: VerifyIssueInput): Promise<IssueVerification> {
  const { repository, issueNumber, signal } = input;
  const { owner, repo, fullName } = repository;
  const label = (input.label ?? TASK_LABEL).toLowerCase();
  if (input.allowlist.length === 0) {
    return {
      kind: 'refused',
      reason: `no repositories are allowed (the allowlist is empty), so ${fullName} is refused`,
    };
  }
  if (!isAllowed(input.allowlist, fullName)) {
    return { kind: 'refused', reason: `${fullName} is not in the list of allowed repositories` };
  }
  const request = { signal };

  const repoData = await client.rest.repos.get({ owner, repo, request }).catch((error: unknown) => {
    throw toGitHubError(error, {
      action: `read the repository ${fullName}`,
      permission: `access to ${fullName} (fine-grained: add it under Repository access, Metadata: read; classic: repo scope)`,
      notFound: `${fullName} does not exist`,
    });
  });

  const issueResponse = await client.rest.issues
    .get({ owner, repo, issue_number: issueNumber, request })
    .catch((error: unknown) => {
      if ((error as { status?: number }).status === 410) return null;
      throw toGitHubError(error, {
        action: `read issues of ${fullName}`,
        permission: 'Issues: read',
        notFound: `issue #${issueNumber} does not exist in ${fullName}`,
      });
    });
  if (issueResponse === null) return { kind: 'noop', reason: `issue #${issueNumber} was deleted` };
  const issue = issueResponse.data;
  if (issue.pull_request) {
    return { kind: 'refused', reason: `#${issueNumber} in ${fullName} is a pull request, not an issue` };
  }
  if (issue.state !== 'open') return { kind: 'noop', reason: `issue #${issueNumber} is closed` };
  const labels = issue.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? '')).toLowerCase());
  if (!labels.includes(label)) {
    return { kind: 'noop', reason: `the ${label} label was removed from issue #${issueNumber}` };
  }

  const events = await client
    .paginate(client.rest.issues.listEvents, {
      owner,
      repo,
      issue_number: issueNumber,
      per_page: 100,
      request,
    })
    .catch((error: unknown) => {
      throw toGitHubError(error, {
        action: `read the events of issues in ${fullName}`,
        permission: 'Issues: read',
      });
    });
  const labeled = events.filter(
    (event) => event.event === 'labeled' && 'label' in event && event.label?.name?.toLowerCase() === label,
  );
  const actor = labeled.at(-1)?.actor?.login;
  if (!actor) {
    return {
      kind: 'refused',
      reason: `could not tell who applied the ${label} label to issue #${issueNumber}`,
    };
  }

  const role = await client.rest.repos
    .getCollaboratorPermissionLevel({ owner, repo, username: actor, request })
    .then((response) => response.data)
    .catch((error: unknown) => {
      if ((error as { status?: number }).status === 404) return null;
      throw toGitHubError(error, {
        action: `read collaborator permissions of ${fullName}`,
        permission: 'Metadata: read (and push access for the token owner)',
      });
    });
  const roleName = role ? role.role_name || role.permission : 'none';
  if (!role || !(WRITER_ROLES.has(role.permission) || WRITER_ROLES.has(role.role_name))) {
    const who = role
      ? `who has ${roleName} access to ${fullName}`
      : `who is not a collaborator on ${fullName}`;
    return {
      kind: 'refused',
      reason: `the ${label} label on issue #${issueNumber} was applied by ${actor}, ${who}; write access is required`,
    };
  }

  return {
    kind: 'verified',
    issue: {
      number: issue.number,
      title: issue.title,
      body: issue.body ?? '',
      htmlUrl: issue.html_url,
      defaultBranch: repoData.data.default_branch,
      labeledBy: actor,
      labeledByRole: roleName,
    },
  };
}
