/**
 * Runs the configured coding agent in a job's worktree and says what it did. The agent's output
 * is read by its preset's parser (agent-output.ts), which turns it into readable log lines for
 * `onLine` and an AgentReport: edits, commits, errors and usage (`onReport` hears each change of
 * usage while it runs). Success is decided by the caller from the branch, not the exit code.
 *
 * When the output shows a failure no waiting can fix — the model API rejected the key, or Aider
 * has no model — the agent is stopped at once (Claude Code would retry a rejected key for
 * minutes; Aider would wait for an OpenRouter login) and the report says why.
 *
 * The agent's HOME is a fresh folder in the job folder (<jobDir>/home), so nothing it starts finds
 * the user's credentials in the user's home; only Aider's settings files are copied in, and the
 * per-worker agent cache (agent-cache.ts) is linked in for Aider's model metadata. Model keys come
 * from the environment through each preset's allowlist (agent-env.ts).
 *
 * Never rejects for the agent's own failures: those are in the returned outcome. Rejects with
 * whatever `afterExit` throws.
 */
import { join } from 'node:path';
import type { WorkerConfig } from '../config/worker-config.ts';
import type { Clock } from '../ports/clock.ts';
import type { WorktreeRepository } from '../workspace/git.ts';
import type { GitIdentity } from '../workspace/workspaces.ts';
import { prepareAgentHome, scrubAgentCache } from './agent-cache.ts';
import { agentEnvironment } from './agent-env.ts';
import { buildAgentInvocation, type AgentInvocation } from './agent-command.ts';
import { createOutputParser } from './agent-output.ts';
import { sameUsage, type AgentReport } from './agent-report.ts';
import { stripAnsi } from './line-splitter.ts';
import { hideRepositoryConfig, repositoryConfigFor } from './repo-config-guard.ts';
import {
  endMarkedProcesses,
  newProcessMark,
  PROCESS_MARK_VARIABLE,
  type ProcessRecords,
} from './process-records.ts';
import { runProcess, type OutputStream, type ProcessOutcome } from './run-process.ts';
import { confine } from './sandbox/confine.ts';
import type { SandboxSupport } from './sandbox/detect.ts';
import type { SandboxPolicy } from './sandbox/policy.ts';

/** The OS sandbox to run the agent in; absent or kind 'none': unconfined. */
export interface AgentConfinement {
  readonly support: SandboxSupport;
  readonly policy: SandboxPolicy;
  /** Told about each network destination the sandbox refused. */
  readonly onRefused?: (destination: string) => void;
}

export { AIDER_HOME_FILES } from './agent-cache.ts';

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
  /** The per-worker agent cache (agentCacheDir); null or absent: a fresh HOME every job. */
  readonly cacheDir?: string | null;
  readonly onLine: (stream: OutputStream, text: string) => void;
  readonly onSpawn?: (pid: number, invocation: AgentInvocation) => void;
  /** Hears the report whenever the agent's usage (tokens, cost) changes. */
  readonly onReport?: (report: AgentReport) => void;
  /**
   * Runs once the agent has ended, before anything in the worktree is touched again (the hidden
   * config is put back only after it). Throw to fail the run; the hidden config then stays hidden.
   */
  readonly afterExit?: () => Promise<void>;
  /** The worker's own sandbox; when it confines the agent, agents turn their own sandbox off. */
  readonly confinement?: AgentConfinement;
  /** Where the running agent is recorded, so a worker starting after a crash can end it. */
  readonly processRecord?: { readonly records: ProcessRecords; readonly jobId: string };
}

export interface AgentRun {
  readonly invocation: AgentInvocation;
  readonly outcome: ProcessOutcome;
  readonly report: AgentReport;
  /** Repository config files kept from the agent during the run. */
  readonly hiddenConfig: readonly string[];
}

export async function runAgent(input: RunAgentInput): Promise<AgentRun> {
  const support = input.confinement?.support ?? { kind: 'none', reason: 'not asked for' };
  const invocation = buildAgentInvocation(input.agent, {
    promptFile: input.promptFile,
    jobDir: input.jobDir,
    confined: support.kind !== 'none',
    openAiBaseUrl: input.environment.OPENAI_BASE_URL || null,
  });
  const parser = createOutputParser(invocation.output);
  const cacheDir = input.cacheDir ?? null;
  const home = await prepareAgentHome({
    jobDir: input.jobDir,
    preset: invocation.preset,
    userHome: input.environment.HOME,
    cacheDir,
  });
  const hidden = await hideRepositoryConfig(input.repo, input.jobDir, repositoryConfigFor(invocation.preset));
  const mark = newProcessMark();
  const record = input.processRecord;
  let recorded: Promise<void> = Promise.resolve();
  // Stops the agent when its output shows a failure that waiting cannot fix.
  const fatal = new AbortController();
  const signal = AbortSignal.any([input.signal, fatal.signal]);
  let lastReport = parser.report();
  let outcome: ProcessOutcome;
  try {
    const command = await confine(
      {
        file: invocation.file,
        args: invocation.args,
        cwd: input.repo.workTree,
        env: {
          ...agentEnvironment(input.environment, input.identity, { home, preset: invocation.preset }),
          [PROCESS_MARK_VARIABLE]: mark,
        },
      },
      input.confinement?.policy ?? { writable: [], readOnly: [], hidden: [], allowedHosts: [] },
      support,
      { onRefused: input.confinement?.onRefused, tmpDir: join(input.jobDir, 'tmp') },
    );
    outcome = await runProcess({
      file: command.file,
      args: command.args,
      cwd: input.repo.workTree,
      env: command.env,
      signal,
      maxMs: input.maxMs,
      idleMs: input.idleMs,
      killGraceMs: input.killGraceMs,
      clock: input.clock,
      onSpawn: (pid) => {
        if (record) recorded = record.records.add(record.jobId, pid, mark).catch(() => undefined);
        input.onSpawn?.(pid, invocation);
      },
      onLine: (stream, raw) => {
        for (const text of parser.push(stripAnsi(raw))) input.onLine(stream, text);
        const report = parser.report();
        if (report.fatal && !fatal.signal.aborted) fatal.abort();
        if (!sameUsage(report.usage, lastReport.usage)) input.onReport?.(report);
        lastReport = report;
      },
    }).finally(() => command.cleanup());
  } finally {
    // Whatever left the agent's process group (setsid) and still carries its mark ends too.
    endMarkedProcesses(mark);
    await recorded;
    await record?.records.remove(record.jobId);
    await scrubAgentCache(cacheDir);
    await input.afterExit?.();
  }
  await hidden.restore();
  return { invocation, outcome, report: parser.report(), hiddenConfig: hidden.files };
}
