/**
 * The sandbox's forge: issues the sandbox itself sent, no pull requests. It never pretends to be
 * GitHub — opening a pull request answers where it would go, and comments go nowhere.
 */
import type { Forge } from '../pipeline/forge.ts';
import { isAllowed } from '../github/repository-ref.ts';

export interface LocalIssue {
  readonly title: string;
  readonly body: string;
}

export class LocalForge implements Forge {
  readonly name = 'the sandbox (no GitHub)';
  readonly #issues = new Map<string, LocalIssue>();
  readonly #remoteDir: string;

  /** @param remoteDir where the sandbox's bare repositories live, to say where branches went. */
  constructor(remoteDir: string) {
    this.#remoteDir = remoteDir;
  }

  addIssue(repository: string, number: number, issue: LocalIssue): void {
    this.#issues.set(`${repository}#${number}`, issue);
  }

  async verifyIssue(input: Parameters<Forge['verifyIssue']>[0]): ReturnType<Forge['verifyIssue']> {
    const { fullName } = input.repository;
    if (!isAllowed(input.allowlist, fullName)) {
      return { kind: 'refused', reason: `${fullName} is not in the list of allowed repositories` };
    }
    const issue = this.#issues.get(`${fullName}#${input.issueNumber}`);
    if (!issue)
      return { kind: 'noop', reason: `the sandbox has no issue #${input.issueNumber} in ${fullName}` };
    return {
      kind: 'verified',
      issue: {
        number: input.issueNumber,
        title: issue.title,
        body: issue.body,
        htmlUrl: '',
        defaultBranch: 'main',
        labeledBy: 'you (sandbox)',
        labeledByRole: 'admin',
      },
    };
  }

  async findOpenPullRequest(): ReturnType<Forge['findOpenPullRequest']> {
    return null;
  }

  async listComments(): ReturnType<Forge['listComments']> {
    return { comments: [], omitted: 0 };
  }

  async openPullRequest(
    input: Parameters<Forge['openPullRequest']>[0],
  ): ReturnType<Forge['openPullRequest']> {
    return {
      kind: 'not-opened',
      why: 'the sandbox has no GitHub',
      branchAt: `branch ${input.branch} pushed to the demo repository (${this.#remoteDir}/${input.repository.fullName}.git)`,
      wouldBeAt: `a pull request from ${input.branch} into ${input.base} of ${input.repository.fullName}, titled "${input.title}" (the branch is in ${this.#remoteDir}/${input.repository.fullName}.git)`,
    };
  }

  async comment(): Promise<boolean> {
    return false;
  }
}
