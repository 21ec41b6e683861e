/** Command-line parsing for `codingworker`: flags shared by every command. */
import { parseArgs } from 'node:util';
import { describeError } from '../../shared/describe-error.ts';

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
}

export class UsageError extends Error {}

export function parseCli(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        port: { type: 'string' },
        json: { type: 'boolean', default: false },
        repo: { type: 'string' },
        issue: { type: 'string' },
        title: { type: 'string' },
        body: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(describeError(error));
  }
  const { values, positionals } = parsed;
  return {
    command: positionals[0],
    config: values.config ?? null,
    port: values.port === undefined ? 0 : wholeNumber('--port', values.port, 0, 65535),
    json: values.json ?? false,
    repo: values.repo ?? null,
    issue: values.issue === undefined ? null : wholeNumber('--issue', values.issue, 1, 2 ** 31),
    title: values.title ?? null,
    body: values.body ?? null,
    help: values.help ?? false,
  };
}

function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max)
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}`);
  return n;
}

export const USAGE = `Usage: codingworker <command> [options]

Commands:
  run               Run the worker headless; log lines to stdout (--json for JSON lines)
  serve [--port N]  Run the worker and its web UI on 127.0.0.1 (prints the URL with its token)
  sandbox           Try it without AWS: embedded queue, demo repository, web UI, a sample issue
  doctor            Check credentials, queue, DLQ, GitHub token and agent; say what to fix
  send-test-issue --repo OWNER/NAME --issue N [--title T] [--body B]
                    Send a task exactly as the producer workflow would

Options:
  --config FILE     JSON config file (or CODINGWORKER_CONFIG)
  -h, --help        Show this help
`;
