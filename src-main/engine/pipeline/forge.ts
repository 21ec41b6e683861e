/**
 * Where issues live and pull requests go. The pipeline talks to GitHub through this seam, so the
 * sandbox can run the very same pipeline against a local repository without pretending to be
 * GitHub: its forge says where the pull request would go instead of opening one.
 */
import { addLabels } from '../github/add-labels.ts';
import { commentOnIssue } from '../github/comment-on-issue.ts';
import { findOpenPullRequest, type PullRequestRef } from '../github/find-open-pull-request.ts';
import type { GitHubClient } from '../github/github-client.ts';
import { findWorkerComment } from '../github/find-worker-comment.ts';
import { listIssueComments, type IssueComments } from '../github/list-issue-comments.ts';
import {
  openPullRequest,
  type OpenPullRequestInput,
  type OpenPullRequestResult,
} from '../github/open-pull-request.ts';
import type { RepositoryRef } from '../github/repository-ref.ts';
import { verifyIssue, type IssueVerification, type VerifyIssueInput } from '../github/verify-issue.ts';

/** What became of "open a pull request": one on GitHub, or (sandbox) only where it would be. */
export type PullRequestOutcome =
  | ({ readonly kind: 'opened' } & OpenPullRequestResult)
  | {
      readonly kind: 'not-opened';
      readonly wouldBeAt: string;
      readonly why: string;
      /** Where the pushed branch can be seen instead, in a few words for the job's history. */
      readonly branchAt?: string;
    };

export interface Forge {
  /** Shown in logs: "GitHub" or "sandbox (no GitHub)". */
  readonly name: string;
  verifyIssue(input: VerifyIssueInput): Promise<IssueVerification>;
  findOpenPullRequest(
    repository: RepositoryRef,
    branch: string,
    signal?: AbortSignal,
  ): Promise<PullRequestRef | null>;
  listComments(
    repository: RepositoryRef,
    issueNumber: number,
    options: { readonly maxChars: number; readonly signal?: AbortSignal },
  ): Promise<IssueComments>;
  openPullRequest(input: OpenPullRequestInput): Promise<PullRequestOutcome>;
  /** Whether the worker already left a comment with `mark` on the issue (absent: cannot tell). */
  hasWorkerComment?(
    repository: RepositoryRef,
    issueNumber: number,
    mark: string,
    signal?: AbortSignal,
  ): Promise<boolean>;
  /** Returns false when this forge has nowhere to comment. */
  comment(
    repository: RepositoryRef,
    issueNumber: number,
    body: string,
    signal?: AbortSignal,
  ): Promise<boolean>;
  /** Labels an issue or pull request; optional (the sandbox has nothing to label). */
  addLabels?(
    repository: RepositoryRef,
    issueNumber: number,
    labels: readonly string[],
    signal?: AbortSignal,
  ): Promise<void>;
}

export function gitHubForge(client: GitHubClient): Forge {
  return {
    name: 'GitHub',
    verifyIssue: (input) => verifyIssue(client, input),
    findOpenPullRequest: (repository, branch, signal) =>
      findOpenPullRequest(client, repository, branch, signal),
    listComments: (repository, issueNumber, options) =>
      listIssueComments(client, repository, issueNumber, options),
    async openPullRequest(input) {
      return { kind: 'opened', ...(await openPullRequest(client, input)) };
    },
    hasWorkerComment: (repository, issueNumber, mark, signal) =>
      findWorkerComment(client, repository, issueNumber, mark, signal),
    async comment(repository, issueNumber, body, signal) {
      await commentOnIssue(client, repository, issueNumber, body, signal);
      return true;
    },
    addLabels: (repository, issueNumber, labels, signal) =>
      addLabels(client, repository, issueNumber, labels, signal),
  };
}
