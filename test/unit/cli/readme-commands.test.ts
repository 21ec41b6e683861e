// README.md must stay true for a newcomer: every `npm run …` it mentions exists, every command the
// CLI has is in its table with the flags the CLI takes, and every flag it shows the CLI accepts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_HELP, parseCli } from '../../../src-main/cli/options.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const scripts = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

describe('README.md', () => {
  it('mentions only npm scripts that exist', () => {
    const mentioned = [...readme.matchAll(/npm run ([a-z][\w:-]*)/g)].map((match) => match[1]!);
    expect(mentioned.length).toBeGreaterThan(3);
    for (const name of new Set(mentioned)) expect(scripts, `npm run ${name}`).toHaveProperty(name);
  });

  it('lists every command in its Commands table, and each shown use parses', () => {
    const table = readme.slice(readme.indexOf('## Commands'), readme.indexOf('## Configuration'));
    for (const command of Object.keys(COMMAND_HELP)) expect(table).toContain(`\`codingworker ${command}`);
    for (const [, usage] of table.matchAll(/\| `codingworker ([^`]*)`/g)) {
      const args = usage!
        .replace(/[[\]…]/g, ' ')
        .replace(/\bO\/N\b/, 'octo/app')
        .replace(/\bN\b/g, '1')
        .split(/\s+/)
        .filter(Boolean);
      expect(() => parseCli(args), usage).not.toThrow();
    }
  });
});
