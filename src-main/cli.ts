#!/usr/bin/env node
/** `codingworker`: run, serve, sandbox, doctor, send-test-issue. */
import { ConfigError } from './engine/config/load-config.ts';
import { parseCli, USAGE, UsageError } from './cli/options.ts';
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
    console.log(USAGE);
    return options.command || options.help ? 0 : 2;
  }
  const command = commands[options.command];
  if (!command) throw new UsageError(`unknown command "${options.command}"`);
  return command(options);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`codingworker: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (error instanceof ConfigError) {
      console.error(`codingworker: ${error.message}`);
      process.exit(2);
    }
    console.error(`codingworker: ${describeError(error)}`);
    process.exit(1);
  },
);
