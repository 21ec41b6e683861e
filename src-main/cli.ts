#!/usr/bin/env node
/** `codingworker`: run, serve, sandbox, doctor, send-test-issue. */
import { ConfigError } from './engine/config/load-config.ts';
import { parseCli, USAGE, usageOf, UsageError } from './cli/options.ts';
import { serveCommand } from './cli/serve.ts';
import { sandboxCommand } from './cli/sandbox.ts';
import { sendTestIssueCommand } from './cli/send-test-issue.ts';
import { runCommand } from './cli/run.ts';
import { doctorCommand } from './cli/doctor.ts';
import { describeError } from '../shared/describe-error.ts';

const commands: Record<string, (options: ReturnType<typeof parseCli>) => Promise<number>> = {
  run: runCommand,
  serve: serveCommand,
  doctor: doctorCommand,
  sandbox: sandboxCommand,
  'send-test-issue': sendTestIssueCommand,
};

async function main(argv: readonly string[]): Promise<number> {
  const options = parseCli(argv);
  if (options.help || !options.command) {
    console.log(usageOf(options.command));
    return options.command || options.help ? 0 : 2;
  }
  const command = commands[options.command];
  if (!command) throw new UsageError(`unknown command "${options.command}"`);
  return command(options);
}

/** With --json, a failure is JSON on stdout too, so a script reading it never gets plain text. */
const json = process.argv.includes('--json');

function fail(code: number, message: string, details = ''): never {
  console.error(`codingworker: ${message}${details}`);
  if (json) console.log(JSON.stringify({ error: message, exitCode: code }));
  process.exit(code);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError)
      fail(2, error.message, `\n\n${error.command ? usageOf(error.command) : USAGE}`);
    if (error instanceof ConfigError) fail(2, error.message);
    fail(1, describeError(error));
  },
);
