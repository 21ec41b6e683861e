import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCRIPTS_DIR } from './support/run-script.ts';

interface ShellcheckResult {
  readonly code: number;
  readonly output: string;
}

/** Runs the shellcheck binary. Missing shellcheck is a failure, not a skip: CI installs it. */
function shellcheck(args: readonly string[], input?: string): Promise<ShellcheckResult> {
  return new Promise((resolve, reject) => {
    const child = execFile('shellcheck', [...args], { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(
          new Error(
            'shellcheck is not installed. Install it (apt-get install -y shellcheck, brew install shellcheck); CI installs it.',
          ),
        );
        return;
      }
      resolve({ code: error ? Number(error.code) : 0, output: `${stdout}${stderr}` });
    });
    child.stdin?.end(input ?? '');
  });
}

const scripts = readdirSync(SCRIPTS_DIR)
  .filter((name) => name.endsWith('.sh'))
  .map((name) => `${SCRIPTS_DIR}/${name}`)
  .sort();

describe('shellcheck on .github/scripts', () => {
  it('finds the workflow scripts', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(2);
  });

  it('reports nothing, at every severity, following sourced files', async () => {
    const result = await shellcheck(['--format=gcc', '--severity=style', '--external-sources', ...scripts]);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('reports an unquoted variable (the check is live)', async () => {
    const result = await shellcheck(['--format=gcc', '--shell=bash', '-'], 'rm $1\n');
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/SC2086/);
  });
});
