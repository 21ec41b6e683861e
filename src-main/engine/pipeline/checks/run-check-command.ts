/**
 * Runs one of the repository's setup or check commands in a job's worktree, through the same
 * process runner as the agent (argument array, no shell, its own process group, stopped with
 * everything it started at its timeout or when the job stops). Its output streams to the job log
 * and the last lines are kept for the pull request and the agent's second round.
 *
 * This is the one place the checks start a process, and it is wrapped in the agent's OS sandbox
 * (the same policy as the agent's: the worktree and job folder writable, the same network hosts)
 * when the job has one. Never rejects.
 */
import { join } from 'node:path';
import type { AgentConfinement } from '../../agent/run-agent.ts';
import { runProcess, type OutputStream, type ProcessOutcome } from '../../agent/run-process.ts';
import { confine } from '../../agent/sandbox/confine.ts';
import type { Clock } from '../../ports/clock.ts';

/** Lines of output kept for the report (the job log has all of it). */
export const CHECK_TAIL_LINES = 60;

export interface CheckCommandInput {
  readonly command: readonly string[];
  readonly cwd: string;
  /** The complete environment: the agent's allowlisted one (no worker secrets). */
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly killGraceMs?: number;
  readonly clock?: Clock;
  /** The agent's sandbox for this job (agent-confinement.ts), or undefined when unconfined. */
  readonly confinement?: AgentConfinement;
  /** Where the sandbox's TMPDIR goes (the job folder). */
  readonly jobDir: string;
  readonly onLine: (stream: OutputStream, text: string) => void;
}

export interface CheckCommandOutcome {
  readonly status: 'passed' | 'failed' | 'timed-out' | 'not-started' | 'stopped';
  readonly exitCode: number | null;
  readonly durationMs: number;
  /** The last CHECK_TAIL_LINES lines of output, both streams interleaved as they came. */
  readonly tail: readonly string[];
  /** What went wrong, in the worker's words (empty when it passed). */
  readonly problem: string;
}

export async function runCheckCommand(input: CheckCommandInput): Promise<CheckCommandOutcome> {
  const [file, ...args] = input.command;
  if (!file) throw new Error('runCheckCommand needs a program');
  const tail: string[] = [];
  const command = await confine(
    { file, args, cwd: input.cwd, env: { ...input.env } },
    input.confinement?.policy ?? { writable: [], readOnly: [], hidden: [], allowedHosts: [] },
    input.confinement?.support ?? { kind: 'none', reason: 'not asked for' },
    { onRefused: input.confinement?.onRefused, tmpDir: join(input.jobDir, 'tmp') },
  );
  const outcome: ProcessOutcome = await runProcess({
    file: command.file,
    args: command.args,
    cwd: input.cwd,
    env: command.env,
    signal: input.signal,
    maxMs: input.timeoutMs,
    // A quiet test suite is not a hung one: only the whole timeout applies.
    idleMs: input.timeoutMs,
    ...(input.killGraceMs !== undefined ? { killGraceMs: input.killGraceMs } : {}),
    ...(input.clock ? { clock: input.clock } : {}),
    onLine: (stream, text) => {
      tail.push(text);
      if (tail.length > CHECK_TAIL_LINES) tail.shift();
      input.onLine(stream, text);
    },
  }).finally(() => command.cleanup());
  const base = { exitCode: outcome.exitCode, durationMs: outcome.durationMs, tail };
  if (outcome.spawnError) return { ...base, status: 'not-started', problem: outcome.spawnError };
  if (outcome.stoppedBy === 'aborted') return { ...base, status: 'stopped', problem: 'the job was stopped' };
  if (outcome.stoppedBy !== null) {
    return {
      ...base,
      status: 'timed-out',
      problem: `did not finish within ${Math.round(input.timeoutMs / 1000)} s and was stopped`,
    };
  }
  if (outcome.exitCode === 0) return { ...base, status: 'passed', problem: '' };
  const how = outcome.exitSignal
    ? `was killed by ${outcome.exitSignal}`
    : `exited with code ${outcome.exitCode}`;
  return { ...base, status: 'failed', problem: how };
}
