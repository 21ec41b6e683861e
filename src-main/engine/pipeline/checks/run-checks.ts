/**
 * The repository's checks as the worker's settings define them: the setup command, then the check
 * command, each under its own timeout, in the worktree. The first that does not pass decides the
 * report. Throws the job's AbortError when the job is stopped meanwhile.
 */
import type { RepositorySetting } from '../../config/guardrails-config.ts';
import type { AgentConfinement } from '../../agent/run-agent.ts';
import type { OutputStream } from '../../agent/run-process.ts';
import type { Clock } from '../../ports/clock.ts';
import { runCheckCommand, type CheckCommandOutcome } from './run-check-command.ts';

export interface ChecksReport {
  readonly passed: boolean;
  /** The step that failed, or null when both passed. */
  readonly failedStep: 'setup' | 'check' | null;
  /** The failing command (or the check command when all passed), as configured. */
  readonly command: readonly string[];
  /** Why it failed, e.g. "exited with code 1" (empty when passed). */
  readonly problem: string;
  /** The last lines of the failing (or last) command's output. */
  readonly tail: readonly string[];
  /** Time spent in the commands themselves. */
  readonly commandsMs: number;
  /** Time spent in the whole step (commands plus the worker's own work around them). */
  readonly totalMs: number;
}

export interface RunChecksInput {
  readonly setting: RepositorySetting;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
  readonly clock: Clock;
  readonly killGraceMs?: number;
  /** The agent's sandbox for this job, or undefined when unconfined. */
  readonly confinement?: AgentConfinement;
  readonly jobDir: string;
  readonly log: (text: string) => void;
  readonly onLine: (stream: OutputStream, text: string) => void;
}

/** True when the setting asks for any command at all. */
export function hasChecks(setting: RepositorySetting | null): setting is RepositorySetting {
  return setting !== null && (setting.setupCommand.length > 0 || setting.checkCommand.length > 0);
}

export async function runChecks(input: RunChecksInput): Promise<ChecksReport> {
  const started = input.clock.now();
  const { setting } = input;
  const steps = [
    ['setup', setting.setupCommand],
    ['check', setting.checkCommand],
  ] as const;
  let commandsMs = 0;
  let last: { step: 'setup' | 'check'; command: readonly string[]; outcome: CheckCommandOutcome } | null =
    null;
  for (const [step, command] of steps) {
    if (command.length === 0) continue;
    input.log(`Running the ${step} command: ${JSON.stringify(command)}`);
    const outcome = await runCheckCommand({
      command,
      cwd: input.cwd,
      env: input.env,
      timeoutMs: setting.checkTimeoutSeconds * 1000,
      signal: input.signal,
      clock: input.clock,
      ...(input.killGraceMs !== undefined ? { killGraceMs: input.killGraceMs } : {}),
      ...(input.confinement ? { confinement: input.confinement } : {}),
      jobDir: input.jobDir,
      onLine: input.onLine,
    });
    commandsMs += outcome.durationMs;
    if (outcome.status === 'stopped') input.signal.throwIfAborted();
    last = { step, command, outcome };
    if (outcome.status !== 'passed') {
      input.log(`The ${step} command failed (${outcome.problem})`);
      return {
        passed: false,
        failedStep: step,
        command,
        problem: outcome.problem,
        tail: outcome.tail,
        commandsMs,
        totalMs: input.clock.now() - started,
      };
    }
    input.log(`The ${step} command passed in ${Math.round(outcome.durationMs)} ms`);
  }
  return {
    passed: true,
    failedStep: null,
    command: last?.command ?? [],
    problem: '',
    tail: last?.outcome.tail ?? [],
    commandsMs,
    totalMs: input.clock.now() - started,
  };
}
