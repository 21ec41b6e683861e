/** The doctor's GitHub check: a token was found, GitHub accepts it, and it may push. */
import { describeError } from '../../../shared/describe-error.ts';
import { checkGitHubToken } from '../github/check-token.ts';
import { createGitHubClient } from '../github/github-client.ts';
import { ok, problem, type DoctorInput } from './check-result.ts';

export async function checkGitHub({ config, github }: DoctorInput) {
  const title = 'GitHub token';
  if (!github) {
    return problem(
      'github-token',
      title,
      'fail',
      'No GitHub token: not in GITHUB_TOKEN, not from `gh auth token`, not in the app.',
      'Run `gh auth login`, or set GITHUB_TOKEN, or save a token in Settings.',
    );
  }
  try {
    const client = createGitHubClient({ token: github.token, apiUrl: config.github.apiUrl, retries: 0 });
    const check = await checkGitHubToken(client);
    const scopes =
      check.scopes === null ? 'fine-grained or app token' : `scopes: ${check.scopes.join(', ') || 'none'}`;
    const missingRepo =
      check.scopes !== null && !check.scopes.includes('repo') && !check.scopes.includes('public_repo');
    const detail = `Signed in as ${check.login} with the token from ${github.source} (${scopes}).`;
    return missingRepo
      ? problem(
          'github-token',
          title,
          'warn',
          detail,
          'A classic token needs the `repo` scope to push and open pull requests.',
        )
      : ok('github-token', title, detail);
  } catch (error) {
    return problem(
      'github-token',
      title,
      'fail',
      `The token from ${github.source} was refused: ${describeError(error)}`,
      'Create a new token (Contents, Issues, Pull requests: read and write) or run `gh auth refresh`.',
    );
  }
}
