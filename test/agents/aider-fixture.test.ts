/**
 * The fixture agent (test/fixtures/agent/fake-aider.mjs) against the real, pinned Aider: the same
 * options, the same refusal of unknown ones.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseAiderHelp } from '../support/aider-help.ts';
import { AGENT_TOOLS } from './agent-tools.ts';

const run = promisify(execFile);
const FLAGS_FILE = new URL('../fixtures/agent/aider-flags.json', import.meta.url);
const FIXTURE = new URL('../fixtures/agent/fake-aider.mjs', import.meta.url).pathname;

describe('the fixture agent matches the pinned Aider', () => {
  it('accepts exactly the options the real `aider --help` lists', async () => {
    const { stdout } = await run(AGENT_TOOLS.aider.path, ['--help'], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/', COLUMNS: '200' },
    });
    const real = parseAiderHelp(stdout);
    expect(Object.keys(real).length).toBeGreaterThan(100);
    // On a new Aider: regenerate test/fixtures/agent/aider-flags.json from parseAiderHelp(`aider --help`).
    expect(JSON.parse(readFileSync(FLAGS_FILE, 'utf8'))).toEqual(real);
  });

  it('refuses an unknown option the way the real one does (exit 2, argparse’s message)', async () => {
    const both = [
      [AGENT_TOOLS.aider.path, '--no-such-flag'],
      [process.execPath, FIXTURE, '--no-such-flag'],
    ];
    for (const [file, ...args] of both) {
      const error = await run(file!, args, {
        env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent' },
      }).catch((e: unknown) => e as { code: number; stderr: string });
      expect(error).toMatchObject({ code: 2 });
      expect((error as { stderr: string }).stderr).toContain(
        'aider: error: unrecognized arguments: --no-such-flag',
      );
    }
  });
});
