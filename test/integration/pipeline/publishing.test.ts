/**
 * The job pipeline when all goes well: an issue becomes a branch, a pull request, a comment and a
 * history record, once per task, alongside other jobs, and again over an earlier attempt.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type Harness, REPO, usePipelineHarness } from './pipeline-harness.ts';

const execFileAsync = promisify(execFile);

describe('the job pipeline when all goes well', () => {
  const h = usePipelineHarness();

  it('turns a labelled issue into a pushed branch, a pull request that fixes it, a comment and a history record', async () => {
    const run = await h.run(h.issue(1, 'edit-commit'));

    expect(run.result).toMatchObject({
      kind: 'success',
      details: { branch: 'ai-task/issue-1', model: 'gpt-4o', issue: { repository: REPO, number: 1 } },
    });
    expect(run.phases).toEqual([
      'verifying',
      'checking-duplicates',
      'preparing-workspace',
      'running-agent',
      'publishing',
    ]);
    expect(await h.remotes.commitsAhead(REPO, 'ai-task/issue-1')).toEqual([
      'feat: make the change the issue asks for',
    ]);
    expect(await h.remotes.readFile(REPO, 'ai-task/issue-1', 'ai-change.txt')).toContain('Change requested');

    const [pull] = h.fake.pulls(REPO);
    expect(h.fake.pulls(REPO)).toHaveLength(1);
    expect(pull).toMatchObject({
      head: 'ai-task/issue-1',
      base: 'main',
      title: 'Fix the greeting (edit-commit) (#1)',
    });
    expect(pull!.body).toMatch(/^Fixes #1\b/);
    expect(pull!.body).toContain('Applied edit to ai-change.txt');
    expect(pull!.body).toContain('ai-change.txt');
    expect(pull!.body).toContain('2,300 tokens sent, 345 received, cost $0.05');
    const details = run.result.kind === 'success' ? run.result.details : null;
    expect(details?.prUrl).toBe(pull!.url);
    expect(details?.usage).toEqual({ tokensSent: 2300, tokensReceived: 345, costUsd: 0.0456 });

    const comments = h.fake.comments(REPO, 1);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(pull!.url);

    const [record] = await h.journal.list(1);
    expect(record).toMatchObject({ jobId: run.jobId, outcome: 'succeeded', prUrl: pull!.url });
    expect(record!.usage).toEqual({ tokensSent: 2300, tokensReceived: 345, costUsd: 0.0456 });
    const page = await h.journal.readLog(run.jobId, 1, 1000);
    expect(page.lines.map((l) => l.text)).toContain('Applied edit to ai-change.txt');
    expect(page.totalLines).toBe(page.lines.length);
    // A successful job leaves no worktree behind.
    expect(existsSync(join(h.dataDir, 'worktrees', run.jobId))).toBe(false);
  });

  it('does the work once when the same task is delivered twice', async () => {
    const message = h.issue(2, 'edit-commit');
    const first = await h.run(message);
    const second = await h.run(message);

    expect(first.result.kind).toBe('success');
    expect(second.result).toMatchObject({ kind: 'noop', why: 'duplicate' });
    expect(second.result.kind === 'noop' && second.result.reason).toMatch(/^duplicate delivery/);
    expect(h.fake.pulls(REPO).filter((p) => p.head === 'ai-task/issue-2')).toHaveLength(1);
    expect(h.fake.comments(REPO, 2)).toHaveLength(1);
    expect(second.phases).not.toContain('running-agent');
  });

  it('runs two jobs on one repository at the same time without interfering', async () => {
    const [a, b] = await Promise.all([h.run(h.issue(19, 'slow:5')), h.run(h.issue(20, 'slow:5'))]);
    expect(a.result.kind).toBe('success');
    expect(b.result.kind).toBe('success');
    expect(await h.remotes.commitsAhead(REPO, 'ai-task/issue-19')).toHaveLength(1);
    expect(await h.remotes.commitsAhead(REPO, 'ai-task/issue-20')).toHaveLength(1);
  });

  it('commits what the agent left uncommitted, but not its cache files, and opens a draft when asked', async () => {
    const run = await h.run(h.issue(21, 'edit-only'), {
      pipeline: h.pipeline({ config: { github: { openAsDraft: true } } }),
    });
    expect(run.result.kind).toBe('success');
    const commits = await h.remotes.commitsAhead(REPO, 'ai-task/issue-21');
    expect(commits).toEqual(['Fix the greeting (edit-only) (#21)']);
    const { stdout } = await execFileAsync(
      'git',
      ['ls-tree', '-r', '--name-only', 'refs/heads/ai-task/issue-21'],
      {
        cwd: h.remotes.path(REPO),
      },
    );
    expect(stdout).toContain('ai-change.txt');
    expect(stdout).not.toContain('.aider');
    expect(h.fake.pulls(REPO).find((p) => p.head === 'ai-task/issue-21')?.draft).toBe(true);
  });

  it('overwrites the branch of an earlier attempt, but not work someone pushed meanwhile', async () => {
    const message = h.issue(23, 'edit-commit');
    await h.run(message);
    const pull = h.fake.pulls(REPO).find((p) => p.head === 'ai-task/issue-23')!;
    pull.state = 'closed';
    const again = await h.run(message);
    expect(again.result.kind).toBe('success');
    expect(await h.remotes.commitsAhead(REPO, 'ai-task/issue-23')).toHaveLength(1);

    // While the agent works, someone else pushes to the branch: the job must not overwrite it.
    h.fake.pulls(REPO).find((p) => p.head === 'ai-task/issue-23' && p.state === 'open')!.state = 'closed';
    h.fake.issue(REPO, 23).body = 'Please fix it. [fake-aider:slow:4]';
    const outsider = await pushOutsiderCommit(h, 'ai-task/issue-23');
    const third = await h.run(message, {
      onLine: (_stream, text) => {
        if (text === 'working 2') outsider.push();
      },
    });
    expect(third.result.kind).toBe('retry');
    expect(third.result.kind === 'retry' && third.result.reason).toMatch(
      /changed on the remote after the job fetched it/,
    );
    expect(await h.remotes.commitsAhead(REPO, 'ai-task/issue-23')).toContain('outsider change');
    await outsider.remove();
  });
});

/** Prepares a clone with a commit on `branch`; push() sends it (synchronously, from a log callback). */
async function pushOutsiderCommit(h: Harness, branch: string) {
  const dir = await mkdtemp(join(tmpdir(), 'cw-outsider-'));
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, stdio: 'pipe' });
  git('clone', '--quiet', h.remotes.path(REPO), '.');
  git('checkout', '--quiet', '-B', branch, `origin/${branch}`);
  writeFileSync(join(dir, 'outsider.txt'), 'mine\n');
  git('add', 'outsider.txt');
  git(
    '-c',
    'user.name=Outsider',
    '-c',
    'user.email=o@example.test',
    'commit',
    '--quiet',
    '-m',
    'outsider change',
  );
  return {
    push: () => git('push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
