/**
 * The words around the repository's checks: the pull request's "Checks" section, the prompt of the
 * agent's second round (the failure output as data for it), the title and label of a pull request
 * whose checks fail, and Aider's own test flags for that round. Pure.
 */
import { cleanLine, fenced } from '../pull-request-text.ts';
import type { ChecksReport } from './run-checks.ts';

/** The label a pull request gets when it is opened although its checks fail. */
export const CHECKS_FAILING_LABEL = 'checks-failing';
export const CHECKS_FAILING_TITLE_PREFIX = '[checks failing] ';

/** Longest failure output passed to the agent or shown in a pull request. */
const MAX_TAIL_CHARS = 8_000;

export function commandText(command: readonly string[]): string {
  return command.map((arg) => (/^[A-Za-z0-9_./:=@%+-]+$/.test(arg) ? arg : shellQuote(arg))).join(' ');
}

/** POSIX single quotes: the argument exactly, for a shell (Aider runs --test-cmd in one). */
export function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function tailText(report: ChecksReport): string {
  const text = report.tail.join('\n');
  return text.length > MAX_TAIL_CHARS ? `…${text.slice(-MAX_TAIL_CHARS)}` : text;
}

/** One line: "passed" or "failed: the check command `npm test` exited with code 1". */
export function checksSummary(report: ChecksReport): string {
  if (report.passed) return `passed (\`${commandText(report.command).replace(/`/g, '')}\`)`;
  return `failed: the ${report.failedStep} command \`${commandText(report.command).replace(/`/g, '')}\` ${report.problem}`;
}

/** The "Checks" section of the pull request body. */
export function checksSection(report: ChecksReport, rounds: number): string {
  const parts = ['### Checks', ''];
  parts.push(
    report.passed
      ? `The repository's checks passed${rounds > 1 ? ' after a second agent round' : ''}: ${checksSummary(report)}.`
      : `**The repository's checks fail.** ${cleanLine(checksSummary(report))}${rounds > 1 ? ', also after a second agent round with the failure output' : ''}.`,
  );
  if (!report.passed && report.tail.length > 0) {
    parts.push(
      '',
      '<details><summary>Last lines of the output</summary>',
      '',
      fenced(tailText(report), 'text'),
      '',
      '</details>',
    );
  }
  return parts.join('\n');
}

/** The second round's prompt: the task as before, then what failed, as data. */
export function checkFailurePrompt(originalPrompt: string, report: ChecksReport): string {
  return [
    originalPrompt.trimEnd(),
    '',
    "# The repository's checks failed on your changes",
    '',
    `The ${report.failedStep} command \`${commandText(report.command).replace(/`/g, '')}\` ${report.problem}. The last lines of its output:`,
    '',
    fenced(tailText(report), 'text'),
    '',
    'Fix the code so that the checks pass. Do not weaken or delete the checks themselves.',
    '',
  ].join('\n');
}

/** Aider's flags for running the check command itself after each edit (it runs it in a shell). */
export function aiderTestFlags(checkCommand: readonly string[]): string[] {
  if (checkCommand.length === 0) return [];
  return ['--test-cmd', checkCommand.map(shellQuote).join(' '), '--auto-test'];
}
