/**
 * The fixture agent behaves like Aider where the worker depends on it: Rich's 80-column wrapping
 * on a pipe (unless COLUMNS is set) and the "(aider)" commit attribution.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAiderOutput } from '../../../src-main/engine/agent/aider-output.ts';
import { git } from '../../support/git-remote.ts';
import { FAKE_AIDER } from '../pipeline/pipeline-harness.ts';

const run = promisify(execFile);

describe('the fixture agent', () => {
  let root: string;
  let repo: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'cw-fixture-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** Runs the fixture in a new repository (each run makes the same change). */
  const aider = async (env: Record<string, string>) => {
    repo = await mkdtemp(join(root, 'repo-'));
    await git(['init', '--quiet', '--initial-branch=main', repo], tmpdir());
    await writeFile(join(repo, 'README.md'), '# x\n');
    await git(['add', '--all'], repo);
    await git(['commit', '--quiet', '-m', 'init'], repo);
    await writeFile(join(repo, '.git', 'prompt.md'), 'Do it. [fake-aider:edit-commit]');
    return run(
      process.execPath,
      [
        FAKE_AIDER,
        '--message-file',
        join(repo, '.git', 'prompt.md'),
        '--yes-always',
        '--no-pretty',
        '--auto-commits',
        '--no-dirty-commits',
      ],
      {
        cwd: repo,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: repo,
          GIT_CONFIG_COUNT: '2',
          GIT_CONFIG_KEY_0: 'user.name',
          GIT_CONFIG_VALUE_0: 'CodingWorker',
          GIT_CONFIG_KEY_1: 'user.email',
          GIT_CONFIG_VALUE_1: 'cw@example.test',
          ...env,
        },
      },
    );
  };

  it('wraps at 80 columns like Rich on a pipe, so the cost is lost unless COLUMNS is set', async () => {
    const wrapped = await aider({});
    expect(wrapped.stdout.split('\n').every((line) => line.length <= 80)).toBe(true);
    expect(parseAiderOutput(wrapped.stdout).usage.costUsd).toBeNull();
    const wide = await aider({ COLUMNS: '4000' });
    expect(parseAiderOutput(wide.stdout).usage.costUsd).toBe(0.0456);
  });

  it('commits as "<name> (aider)", like Aider', async () => {
    await aider({ COLUMNS: '4000' });
    expect((await git(['log', '-1', '--format=%an|%cn'], repo)).trim()).toBe(
      'CodingWorker (aider)|CodingWorker (aider)',
    );
  });
});
