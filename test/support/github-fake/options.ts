/** How a test sets up the GitHub fake: the token it accepts and who that token belongs to. */
export interface GitHubFakeOptions {
  readonly token: string;
  /** Scopes for X-OAuth-Scopes on /user; null to behave like a fine-grained token (no header). */
  readonly scopes?: readonly string[] | null;
  readonly login?: string;
  /** Whether a branch exists on the remote; pull requests from missing branches are refused like GitHub does. */
  readonly branchExists?: (owner: string, repo: string, branch: string) => Promise<boolean>;
}
