/** Command-line parsing for `codingworker`: its flags, which command takes which, and the help. */
import { parseArgs } from 'node:util';

export interface CliOptions {
  readonly command: string | undefined;
  readonly config: string | null;
  readonly port: number;
  readonly json: boolean;
  readonly repo: string | null;
  readonly issue: number | null;
  readonly title: string | null;
  readonly body: string | null;
  readonly help: boolean;
  /** doctor: also send one tiny request to the agent's model API. */
  readonly agentRequest: boolean;
}

export class UsageError extends Error {
  /** The command whose usage to show with the message; null for the general usage. */
  readonly command: string | null;
  constructor(message: string, command: string | null = null) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}

/** An issue's repository as GitHub spells it: owner/name. */
export const REPOSITORY_ARGUMENT = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/;

const FLAGS = {
  config: { type: 'string' },
  port: { type: 'string' },
  json: { type: 'boolean', default: false },
  repo: { type: 'string' },
  issue: { type: 'string' },
  title: { type: 'string' },
  body: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  'agent-request': { type: 'boolean', default: false },
} as const;

type Flag = keyof typeof FLAGS;

interface CommandHelp {
  readonly summary: string;
  readonly usage: string;
  /** Flags besides --config and --help. */
  readonly flags: readonly Flag[];
  readonly details: string;
}

export const COMMAND_HELP: Readonly<Record<string, CommandHelp>> = {
  run: {
    summary: 'Run the worker headless; log lines to stdout (--json for JSON lines)',
    usage: 'codingworker run [--json] [--config FILE]',
    flags: ['json'],
    details:
      'Prints one line per status change, job phase, finished job (its outcome and pull request)\n' +
      'and notice. The first Ctrl-C stops gracefully, a second releases running jobs at once.',
  },
  serve: {
    summary: 'Run the worker and its web UI on 127.0.0.1 (prints the URL with its token)',
    usage: 'codingworker serve [--port N] [--json] [--config FILE]',
    flags: ['port', 'json'],
    details: '  --port N          Port on 127.0.0.1 (default: any free port)',
  },
  sandbox: {
    summary: 'Try it without AWS or GitHub: embedded queue, demo repository, web UI, a sample issue',
    usage: 'codingworker sandbox [--port N] [--json]',
    flags: ['port', 'json'],
    details:
      '  --port N          Port on 127.0.0.1 (default: any free port)\n' +
      'Its temporary folder is removed on exit unless CODINGWORKER_DATA_DIR names one to keep.',
  },
  doctor: {
    summary: 'Check configuration, credentials, queue, DLQ, GitHub token, git and agent; say what to fix',
    usage: 'codingworker doctor [--json] [--agent-request] [--config FILE]',
    flags: ['json', 'agent-request'],
    details:
      '  --json            Print the checks as a JSON array (id, title, status, detail, fix)\n' +
      "  --agent-request   Also send one tiny request (1 token) to the agent's model API with its key\n" +
      'Runs every check it can, even without a configuration. Exit 0 when nothing failed, else 1.',
  },
  'send-test-issue': {
    summary: 'Send a task exactly as the producer workflow would',
    usage: 'codingworker send-test-issue --repo OWNER/NAME --issue N [--title T] [--body B] [--config FILE]',
    flags: ['repo', 'issue', 'title', 'body'],
    details:
      "  --repo OWNER/NAME  The repository (it must be in the worker's allowlist to be worked on)\n" +
      '  --issue N         The issue number\n' +
      '  --title T         Default: "Test issue #N"\n' +
      '  --body B          Default: empty',
  },
};

export function parseCli(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: FLAGS });
  } catch (error) {
    throw new UsageError(describeParseError(error as Error & { code?: string }));
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  const help = COMMAND_HELP[command ?? ''];
  if (help && !values.help) {
    const allowed = new Set<string>(['config', 'help', ...help.flags]);
    const extra = Object.keys(values).find((flag) => !allowed.has(flag) && !isDefault(flag, values));
    if (extra) throw new UsageError(`${command} does not take --${extra}`, command!);
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`, command!);
  }
  return {
    command,
    config: values.config ?? null,
    port: values.port === undefined ? 0 : wholeNumber('--port', values.port, 0, 65535, command),
    json: values.json ?? false,
    repo: values.repo ?? null,
    issue: values.issue === undefined ? null : wholeNumber('--issue', values.issue, 1, 2 ** 31, command),
    title: values.title ?? null,
    body: values.body ?? null,
    help: values.help ?? false,
    agentRequest: values['agent-request'] ?? false,
  };
}

function isDefault(flag: string, values: Record<string, unknown>): boolean {
  return (flag === 'json' || flag === 'help' || flag === 'agent-request') && values[flag] === false;
}

/** Node's own messages suggest `-- "--x"` with an unbalanced quote; ours name the flag plainly. */
function describeParseError(error: Error & { code?: string }): string {
  const flag = /'(-{1,2}[^']*)'/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return flag ? `unknown option ${flag}` : 'unknown option';
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return flag ? `option ${flag.split(' ')[0]} needs a value` : error.message;
    default:
      return error.message;
  }
}

function wholeNumber(flag: string, raw: string, min: number, max: number, command?: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max)
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}`, command ?? null);
  return n;
}

const COMMON_OPTIONS = `Options:
  --config FILE     JSON config file (or CODINGWORKER_CONFIG)
  -h, --help        Show this help`;

export const USAGE = `Usage: codingworker <command> [options]

Commands:
${Object.entries(COMMAND_HELP)
  .map(([name, help]) => `  ${name.padEnd(16)}  ${help.summary}`)
  .join('\n')}

${COMMON_OPTIONS}

Run \`codingworker <command> --help\` for a command's own options.
`;

/** The help of one command, or the general usage for an unknown one. */
export function usageOf(command: string | null | undefined): string {
  const help = command ? COMMAND_HELP[command] : undefined;
  if (!help) return USAGE;
  return `Usage: ${help.usage}\n\n${help.summary}.\n\n${help.details}\n\n${COMMON_OPTIONS}\n`;
}
