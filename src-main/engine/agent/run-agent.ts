/**
 * Runs the configured coding agent in a job's worktree and says what it did. The agent's output
 * streams to `onLine` as it comes; Aider's is also parsed for edits, commits, LLM errors and cost.
 * Success is decided by the caller from the branch (new commits or changes), not the exit code.
 *
 * Never rejects for the agent's own failures: those are in the returned outcome.
 */
import type { WorkerConfig } from '../config/worker-config.ts';
import type { Clock } from '../ports/clock.ts';
import type { GitEnv } from '../workspace/git.ts';
import type { GitIdentity } from '../workspace/workspaces.ts';
import { agentEnvironment } from './agent-env.ts';
import { buildAgentInvocation, type AgentInvocation } from './agent-command.ts';
import { AiderOutputParser, type AgentReport } from './aider-output.ts';
import { stripAnsi } from './line-splitter.ts';
import { hideRepositoryConfig } from './repo-config-guard.ts';
import { runProcess, type OutputStream, type ProcessOutcome } from './run-process.ts';

export interface RunAgentInput {
  readonly agent: WorkerConfig['agent'];
  readonly worktree: string;
  readonly jobDir: string;
  readonly promptFile: string;
  /** The worker's environment; the agent gets an allowlisted part of it. */
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly identity: GitIdentity;
  readonly gitEnv: GitEnv;
  readonly signal: AbortSignal;
  readonly maxMs: number;
  readonly idleMs: number;
  readonly killGraceMs?: number;
  readonly clock?: Clock;
  readonly onLine: (stream: OutputStream, text: string) => void;
  readonly onSpawn?: (pid: number, invocation: AgentInvocation) => void;
}

export interface AgentRun {
  readonly invocation: AgentInvocation;
  readonly outcome: ProcessOutcome;
  readonly report: AgentReport;
  /** Repository config files kept from Aider during the run. */
  readonly hiddenConfig: readonly string[];
}

export async function runAgent(input: RunAgentInput): Promise<AgentRun> {
  const invocation = buildAgentInvocation(input.agent, {
    promptFile: input.promptFile,
    jobDir: input.jobDir,
  });
  const parser = new AiderOutputParser();
  const parse = invocation.output === 'aider';
  const hidden =
    invocation.preset === 'aider'
      ? await hideRepositoryConfig(input.worktree, input.jobDir, input.gitEnv)
      : null;
  try {
    const outcome = await runProcess({
      file: invocation.file,
      args: invocation.args,
      cwd: input.worktree,
      env: agentEnvironment(input.environment, input.identity),
      signal: input.signal,
      maxMs: input.maxMs,
      idleMs: input.idleMs,
      killGraceMs: input.killGraceMs,
      clock: input.clock,
      onSpawn: (pid) => input.onSpawn?.(pid, invocation),
      onLine: (stream, raw) => {
        const text = stripAnsi(raw);
        if (parse) parser.push(text);
        input.onLine(stream, text);
      },
    });
    return { invocation, outcome, report: parser.report(), hiddenConfig: hidden?.files ?? [] };
  } finally {
    await hidden?.restore();
  }
}
