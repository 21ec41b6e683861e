/**
 * The fake's pulls API: listing (by state and head) and opening pull requests, refused like GitHub
 * does when the head branch is missing or already has an open pull request.
 */
import { page, type RepoRoutes } from './route-handler.ts';
import type { FakePull } from './state.ts';

interface NewPull {
  title?: string;
  head: string;
  base: string;
  body?: string;
  draft?: boolean;
}

export const pullRoutes: RepoRoutes = {
  'GET /repos/{owner}/{repo}/pulls': ({ payloads }, repo, { url }) => {
    const state = url.searchParams.get('state') ?? 'open';
    const head = url.searchParams.get('head');
    const pulls = repo.pulls.filter(
      (p) => (state === 'all' || p.state === state) && (!head || `${repo.owner}:${p.head}` === head),
    );
    return page(
      url,
      pulls.map((p) => payloads.pull(repo, p)),
    );
  },

  'POST /repos/{owner}/{repo}/pulls': async ({ payloads, options }, repo, { body }) => {
    const input = body as NewPull;
    const exists = (await options.branchExists?.(repo.owner, repo.name, input.head)) ?? true;
    if (!exists) {
      return [
        422,
        {
          message: 'Validation Failed',
          errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }],
        },
      ];
    }
    if (repo.pulls.some((p) => p.head === input.head && p.state === 'open')) {
      return [
        422,
        {
          message: 'Validation Failed',
          errors: [{ message: `A pull request already exists for ${repo.owner}:${input.head}.` }],
        },
      ];
    }
    const number = repo.nextPullNumber++;
    const pull: FakePull = {
      number,
      title: input.title ?? '',
      body: input.body ?? '',
      head: input.head,
      base: input.base,
      draft: input.draft ?? false,
      state: 'open',
      url: `https://github.test/${repo.owner}/${repo.name}/pull/${number}`,
      labels: [],
    };
    repo.pulls.push(pull);
    return [201, payloads.pull(repo, pull)];
  },
};
