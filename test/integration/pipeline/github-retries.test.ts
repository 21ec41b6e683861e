/**
 * The pipeline against a GitHub that fails: 5xx and secondary rate limits ridden out, a retry asked
 * for when GitHub keeps failing, and the job time limit while waiting for it.
 */
import { describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../../src-main/engine/github/github-client.ts';
import { REPO, TOKEN, usePipelineHarness } from './pipeline-harness.ts';

describe('the job pipeline against a failing GitHub', () => {
  const h = usePipelineHarness();

  it('gives up on a job that reaches its time limit while waiting for GitHub', async () => {
    h.fake.failNext({ method: 'GET', route: '/repos/{owner}/{repo}', status: 502, times: 10 });
    const slowRetries = createGitHubClient({
      token: TOKEN,
      apiUrl: h.fake.url,
      waitUnitMs: 200,
      spaceWrites: false,
    });
    const run = await h.run(h.issue(25, 'edit-commit'), {
      pipeline: h.pipeline({ github: slowRetries, limits: { maxJobMs: 300 } }),
    });
    h.fake.clearFaults();
    expect(run.result).toMatchObject({ kind: 'retry', reason: 'the job reached its time limit' });
  });

  it('rides out GitHub 502s and a secondary rate limit, then completes', async () => {
    h.fake.failNext({
      method: 'GET',
      route: '/repos/{owner}/{repo}/issues/{issue_number}',
      status: 502,
      times: 2,
    });
    h.fake.failNext({ method: 'POST', route: '/repos/{owner}/{repo}/pulls', status: 429, retryAfter: 1 });
    h.fake.failNext({
      method: 'POST',
      route: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      status: 502,
    });
    const run = await h.run(h.issue(15, 'edit-commit'));
    expect(run.result.kind).toBe('success');
    const statuses = (route: string, method: string) =>
      h.fake
        .requestsTo(method, route)
        .filter((r) => r.path.includes('/15') || method === 'POST')
        .map((r) => r.status);
    // Read at the start, and again right before the push.
    expect(statuses('/repos/{owner}/{repo}/issues/{issue_number}', 'GET')).toEqual([502, 502, 200, 200]);
    expect(statuses('/repos/{owner}/{repo}/pulls', 'POST').slice(-2)).toEqual([429, 201]);
    expect(h.fake.comments(REPO, 15)).toHaveLength(1);
  });

  it('asks for a retry when GitHub keeps failing', async () => {
    h.fake.failNext({ method: 'GET', route: '/repos/{owner}/{repo}', status: 503, times: 10 });
    const run = await h.run(h.issue(16, 'edit-commit'));
    expect(run.result.kind).toBe('retry');
    expect(run.result.kind === 'retry' && run.result.reason).toContain(
      'GitHub failed to read the repository',
    );
    h.fake.clearFaults();
  });

  it('can use a GitHub client built from the config alone', async () => {
    const client = createGitHubClient({ token: TOKEN, apiUrl: h.fake.url });
    const { data } = await client.rest.repos.get({ owner: 'octo-org', repo: 'hello-world' });
    expect(data.default_branch).toBe('main');
  });
});
