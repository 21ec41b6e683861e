/**
 * The repository's checks before push (issue #14): setup and check commands from the worker's
 * settings run in the worktree after the agent; a failure goes back to the agent once with the
 * failure output; what still fails opens a labelled draft, or fails the job, by setting; a command
 * that hangs is stopped at its timeout with everything it started.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { processesInGroup } from '../../../src-main/engine/agent/process-group.ts';
import { jobDirectory } from '../../../src-main/engine/journal/job-paths.ts';
import { REPO, startHarness, type Harness } from './pipeline-harness.ts';

const CHECK = fileURLToPath(new URL('../../fixtures/checks/check.mjs', import.meta.url));
const node = process.execPath;

describe('checks before push', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    h.fake.assertNoViolations();
  });

  const withChecks = (setting: Record<string, unknown>) =>
    h.pipeline({ config: { repositorySettings: { [REPO]: setting } } });

  it('opens the pull request with a Checks section when the checks pass, without the commands’ own files', async () => {
    const run = await h.run(h.issue(301, 'edit-only'), {
      pipeline: withChecks({
        setupCommand: [node, CHECK, 'write', 'build-output.txt'],
        checkCommand: [node, CHECK, 'pass'],
      }),
    });
    expect(run.result.kind).toBe('success');
    expect(run.phases).toContain('running-checks');
    expect(run.lines).toContain('all checks passed');
    // The commands run confined like the agent (or say unconfined, like it, where no sandbox exists).
    const sandboxLines = run.lines.filter((line) => line.startsWith('Sandbox: '));
    expect(sandboxLines).toHaveLength(2);
    expect(sandboxLines[1]).toBe(sandboxLines[0]);
    const pull = h.fake.pulls(REPO).find((p) => p.head === 'ai-task/issue-301')!;
    expect(pull.draft).toBe(false);
    expect(pull.title).not.toContain('[checks failing]');
    expect(pull.body).toContain('### Checks');
    expect(pull.body).toContain("The repository's checks passed");
    expect(pull.labels).toEqual([]);
    // The agent's uncommitted edit is pushed; the setup command's build output is not.
    expect(await h.remotes.readFile(REPO, 'ai-task/issue-301', 'ai-change.txt')).toContain(
      'Change requested',
    );
    await expect(h.remotes.readFile(REPO, 'ai-task/issue-301', 'build-output.txt')).rejects.toThrow();
    expect(run.record.checks).toBe('passed');
  });

  it('gives the agent one more round with the failure output, and opens a normal pull request once they pass', async () => {
    const run = await h.run(h.issue(302, 'fix-on-feedback'), {
      pipeline: withChecks({ checkCommand: [node, CHECK, 'require', 'checks-ok.txt'] }),
    });
    expect(run.result.kind).toBe('success');
    const second = readFileSync(join(jobDirectory(h.dataDir, run.jobId), 'prompt-after-checks.md'), 'utf8');
    expect(second).toContain("# The repository's checks failed on your changes");
    expect(second).toContain('not ok 2 - expected checks-ok.txt to exist');
    expect(second).toContain('exited with code 1');
    // Aider runs the check command itself in that round.
    const argvLines = run.lines.filter((line) => line.startsWith('argv '));
    expect(argvLines).toHaveLength(2);
    expect(argvLines[0]).not.toContain('--test-cmd');
    const secondArgs = JSON.parse(argvLines[1]!.slice(5)) as string[];
    expect(secondArgs).toContain('--auto-test');
    expect(secondArgs[secondArgs.indexOf('--test-cmd') + 1]).toBe(
      `'${node}' '${CHECK}' 'require' 'checks-ok.txt'`,
    );
    const pull = h.fake.pulls(REPO).find((p) => p.head === 'ai-task/issue-302')!;
    expect(pull.draft).toBe(false);
    expect(pull.body).toContain("The repository's checks passed after a second agent round");
    expect(await h.remotes.commitsAhead(REPO, 'ai-task/issue-302')).toEqual([
      'fix: make the checks pass',
      'feat: make the change the issue asks for',
    ]);
  });

  it('opens a draft titled and labelled as failing its checks when they still fail', async () => {
    const run = await h.run(h.issue(303, 'edit-commit'), {
      pipeline: withChecks({ checkCommand: [node, CHECK, 'require', 'never-there.txt'] }),
    });
    expect(run.result.kind).toBe('success');
    const pull = h.fake.pulls(REPO).find((p) => p.head === 'ai-task/issue-303')!;
    expect(pull.draft).toBe(true);
    expect(pull.title).toBe('[checks failing] Fix the greeting (edit-commit) (#303)');
    expect(pull.labels).toEqual(['checks-failing']);
    expect(pull.body).toContain("**The repository's checks fail.**");
    expect(pull.body).toContain('also after a second agent round');
    expect(pull.body).toContain('not ok 2 - expected never-there.txt to exist');
    expect(run.record.checks).toBe('failed');
  });

  it('fails the job with the reason and pushes nothing when set to fail on failing checks', async () => {
    const run = await h.run(h.issue(304, 'edit-commit'), {
      pipeline: withChecks({
        checkCommand: [node, CHECK, 'require', 'never-there.txt'],
        onCheckFailure: 'fail',
      }),
    });
    expect(run.result.kind).toBe('permanent');
    expect(run.result.kind === 'permanent' && run.result.reason).toMatch(
      /^the repository's checks failed, also after a second agent round: the check command .* exited with code 1; nothing was pushed$/,
    );
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-304')).toBeNull();
    expect(h.fake.pulls(REPO).some((p) => p.head === 'ai-task/issue-304')).toBe(false);
    expect(h.fake.comments(REPO, 304)[0]!.body).toContain("the repository's checks failed");
  });

  it('stops a setup command that hangs at its timeout, with everything it started', async () => {
    const pids: number[] = [];
    const run = await h.run(h.issue(305, 'edit-commit'), {
      // Unconfined here, so the pids the command prints are this machine's (a sandbox has its own).
      pipeline: h.pipeline({
        config: {
          agent: { sandbox: 'off' },
          repositorySettings: {
            [REPO]: {
              setupCommand: [node, CHECK, 'hang'],
              checkCommand: [node, CHECK, 'pass'],
              checkTimeoutSeconds: 1,
              onCheckFailure: 'fail',
            },
          },
        },
      }),
      onLine: (_stream, text) => {
        const match = /^grandchild (\d+)$/.exec(text);
        if (match) pids.push(Number(match[1]));
      },
    });
    expect(run.result.kind === 'permanent' && run.result.reason).toContain('the setup command');
    expect(run.result.kind === 'permanent' && run.result.reason).toContain('did not finish within 1 s');
    expect(run.lines).not.toContain('all checks passed');
    expect(pids).toHaveLength(2);
    for (const pid of pids) {
      expect(isAlive(pid)).toBe(false);
      expect(processesInGroup(pid)).toEqual([]);
    }
    expect(await h.remotes.branchSha(REPO, 'ai-task/issue-305')).toBeNull();
  }, 30_000);

  it('runs no checks for a repository without settings', async () => {
    const run = await h.run(h.issue(306, 'edit-commit'), {
      pipeline: h.pipeline({
        config: { repositorySettings: { 'someone/else': { checkCommand: ['false'] } } },
      }),
    });
    expect(run.result.kind).toBe('success');
    expect(run.phases).not.toContain('running-checks');
    expect(h.fake.pulls(REPO).find((p) => p.head === 'ai-task/issue-306')!.body).not.toContain('### Checks');
    expect(existsSync(join(jobDirectory(h.dataDir, run.jobId), 'prompt-after-checks.md'))).toBe(false);
  });
});

/** Running, as opposed to gone or a zombie waiting for this container's init to reap it. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const status = existsSync(`/proc/${pid}/status`) ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  return !/^State:\s+Z/m.test(status);
}
