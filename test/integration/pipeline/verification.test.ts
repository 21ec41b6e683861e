/**
 * What the pipeline checks before any work, and the jobs it refuses or drops: closed issues,
 * removed labels, repositories outside the allowlist, labels from people without write access,
 * and a token without the permission it needs.
 */
import { describe, expect, it } from 'vitest';
import { sampleTask } from '../../support/sample-task.ts';
import { REPO, usePipelineHarness } from './pipeline-harness.ts';

describe('the job pipeline verifying the task on GitHub first', () => {
  const h = usePipelineHarness();

  it('does nothing for an issue that was closed before the job ran', async () => {
    const message = h.issue(3, 'edit-commit');
    h.fake.closeIssue(REPO, 3);
    const run = await h.run(message);
    expect(run.result).toMatchObject({
      kind: 'noop',
      reason: 'issue #3 is closed',
      why: 'cancelled-upstream',
    });
    expect(run.phases).toEqual(['verifying']);
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-3')).toBeNull();
  });

  it('does nothing when the ai-task label was removed', async () => {
    const message = h.issue(4, 'edit-commit');
    h.fake.removeLabel(REPO, 4, 'ai-task');
    const run = await h.run(message);
    expect(run.result).toMatchObject({ kind: 'noop', reason: 'the ai-task label was removed from issue #4' });
    expect(run.lines.some((line) => line.includes('label was removed'))).toBe(true);
    expect(h.fake.comments(REPO, 4)).toHaveLength(0);
  });

  it('refuses a repository outside the allowlist without asking GitHub anything', async () => {
    const before = h.fake.requests.length;
    const run = await h.run(sampleTask({ repository: 'someone-else/project', issue_number: 5 }));
    expect(run.result).toMatchObject({ kind: 'permanent' });
    expect(run.result.kind === 'permanent' && run.result.reason).toContain(
      'not in the list of allowed repositories',
    );
    expect(h.fake.requests.length).toBe(before);
  });

  it('refuses everything when the allowlist is empty', async () => {
    const run = await h.run(h.issue(6, 'edit-commit'), {
      pipeline: h.pipeline({ config: { repositories: [] } }),
    });
    expect(run.result.kind === 'permanent' && run.result.reason).toContain('allowlist is empty');
  });

  it('refuses a label applied by someone without write access, and one re-applied by a maintainer is fine', async () => {
    const message = h.issue(7, 'edit-commit', { labeledBy: 'mallory' });
    const refused = await h.run(message);
    expect(refused.result.kind).toBe('permanent');
    expect(refused.result.kind === 'permanent' && refused.result.reason).toContain(
      'applied by mallory, who has triage access',
    );
    expect(h.fake.comments(REPO, 7)).toHaveLength(0);

    h.fake.applyLabel(REPO, 7, 'ai-task', 'maintainer');
    const accepted = await h.run(message);
    expect(accepted.result.kind).toBe('success');
  });

  it('names the missing token permission when GitHub says 403', async () => {
    h.fake.deny('GET', '/repos/{owner}/{repo}/issues/{issue_number}/events');
    try {
      const run = await h.run(h.issue(8, 'edit-commit'));
      expect(run.result.kind).toBe('permanent');
      expect(run.result.kind === 'permanent' && run.result.reason).toMatch(
        /cannot read the events of issues in octo-org\/hello-world .*grant Issues: read/,
      );
    } finally {
      h.fake.clearFaults();
    }
  });
});
