/**
 * Reads the options out of `aider --help` (argparse's format): each option string and whether it
 * takes a value ("--model MODEL" does, "--no-pretty" does not). The fixture agent accepts exactly
 * these (test/fixtures/agent/aider-flags.json), and test/agents/aider-fixture.test.ts checks the
 * file against the pinned Aider so the two cannot drift.
 */

/** Option string → takes a value. */
export type AiderFlags = Record<string, boolean>;

export function parseAiderHelp(help: string): AiderFlags {
  const flags: AiderFlags = {};
  for (const line of help.split('\n')) {
    // "  --model MODEL         Specify …" or "  --pretty, --no-pretty" or "  -h, --help  show …"
    const spec = /^ {2}(-\S.*?)(?: {2,}|$)/.exec(line)?.[1];
    if (!spec) continue;
    for (const part of spec.split(', ')) {
      const [name, value] = part.trim().split(' ');
      if (name?.startsWith('-')) flags[name] = value !== undefined;
    }
  }
  return Object.fromEntries(Object.entries(flags).sort(([a], [b]) => a.localeCompare(b)));
}
