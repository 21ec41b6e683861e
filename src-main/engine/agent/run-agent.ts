/**
 * Runs the configured coding agent in a job's worktree and says what it did. The agent's output
 * streams to `onLine` as it comes; Aider's is also parsed for edits, commits, LLM errors and cost.
 * Success is decided by the caller from the branch (new commits or changes), not the exit code.
 *
 * The agent's HOME is a fresh folder in the job folder (<jobDir>/home), so nothing it starts finds
 * the user's credentials in the user's home. Only Aider's own settings files (~/.aider.conf.yml,
 * ~/.aider.model.settings.yml, ~/.aider.model.metadata.json) are copied in, when the user has
 * them; nothing else from the user's home is passed. Model keys come from the environment (see
 * agent-env.ts). Claude Code and Codex therefore need their credentials in the environment too
 * (ANTHROPIC_API_KEY or CLAUDE_CODE_OAUTH_TOKEN; OPENAI_API_KEY, or CODEX_HOME naming the folder
 * that holds Codex's login).
 *
 * Never rejects for the agent's own failures: those are in the returned outcome. Rejects with
 * whatever `afterExit` throws.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkerConfig } from '../config/worker-config.ts';
import type { Clock } from '../ports/clock.ts';
import type { WorktreeRepository } from '../workspace/git.ts';
import type { GitIdentity } from '../workspace/workspaces.ts';
import { agentEnvironment } from './agent-env.ts';
import { buildAgentInvocation, type AgentInvocation } from './agent-command.ts';
import { AiderOutputParser, type AgentReport } from './aider-output.ts';
import { stripAnsi } from './line-splitter.ts';
import { hideRepositoryConfig, repositoryConfigFor } from './repo-config-guard.ts';
import { runProcess, type OutputStream, type ProcessOutcome } from './run-process.ts';

/** Aider's settings in the user's home that it may read from the job's home. */
export const AIDER_HOME_FILES = [
  '.aider.conf.yml',
  '.aider.model.settings.yml',
  '.aider.model.metadata.json',
];

export interface RunAgentInput {
  readonly agent: WorkerConfig['agent'];
  /** The worktree the agent works in, with its git folder (for hiding repository config). */
  readonly repo: WorktreeRepository;
  readonly jobDir: string;
  readonly promptFile: string;
  /** The worker's environment; the agent gets an allowlisted part of it. */
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly identity: GitIdentity;
  readonly signal: AbortSignal;
  readonly maxMs: number;
  readonly idleMs: number;
  readonly killGraceMs?: number;
  readonly clock?: Clock;
  readonly onLine: (stream: OutputStream, text: string) => void;
  readonly onSpawn?: (pid: number, invocation: AgentInvocation) => void;
  /** Called whenever the reported usage (tokens, session cost) changes while the agent runs. */
  readonly onReport?: (report: AgentReport) => void;
  /**
   * Runs once the agent has ended, before anything in the worktree is touched again (the hidden
   * config is put back only after it). Throw to fail the run; the hidden config then stays hidden.
   */
  readonly afterExit?: () => Promise<void>;
}

export interface AgentRun {
  readonly invocation: AgentInvocation;
  readonly outcome: ProcessOutcome;
  readonly report: AgentReport;
  /** Repository config files kept from the agent during the run. */
  readonly hiddenConfig: readonly string[];
}

export async function runAgent(input: RunAgentInput): Promise<AgentRun> {
  const invocation = buildAgentInvocation(input.agent, {
    promptFile: input.promptFile,
    jobDir: input.jobDir,
  });
  const parser = new AiderOutputParser();
  const parse = invocation.output === 'aider';
  const home = await prepareHome(input.jobDir, invocation.preset, input.environment.HOME);
  const hidden = await hideRepositoryConfig(input.repo, input.jobDir, repositoryConfigFor(invocation.preset));
  let outcome: ProcessOutcome;
  try {
    outcome = await runProcess({
      file: invocation.file,
      args: invocation.args,
      cwd: input.repo.workTree,
      env: agentEnvironment(input.environment, input.identity, home),
      signal: input.signal,
      maxMs: input.maxMs,
      idleMs: input.idleMs,
      killGraceMs: input.killGraceMs,
      clock: input.clock,
      onSpawn: (pid) => input.onSpawn?.(pid, invocation),
      onLine: (stream, raw) => {
        const text = stripAnsi(raw);
        if (parse && input.onReport) {
          const before = parser.report().usage;
          parser.push(text);
          const report = parser.report();
          if (!sameUsage(before, report.usage)) input.onReport(report);
        } else if (parse) parser.push(text);
        input.onLine(stream, text);
      },
    });
  } finally {
    await input.afterExit?.();
  }
  await hidden.restore();
  return { invocation, outcome, report: parser.report(), hiddenConfig: hidden.files };
}

function sameUsage(a: AgentReport['usage'], b: AgentReport['usage']): boolean {
  return a.costUsd === b.costUsd && a.tokensSent === b.tokensSent && a.tokensReceived === b.tokensReceived;
}

/** Makes <jobDir>/home (0700) and copies in the user's Aider settings for Aider. */
async function prepareHome(
  jobDir: string,
  preset: WorkerConfig['agent']['preset'],
  userHome: string | undefined,
): Promise<string> {
  const home = join(jobDir, 'home');
  await mkdir(home, { recursive: true, mode: 0o700 });
  if (preset === 'aider' && userHome?.startsWith('/')) {
    for (const name of AIDER_HOME_FILES) {
      await copyFile(join(userHome, name), join(home, name)).catch(() => undefined);
    }
  }
  return home;
}
