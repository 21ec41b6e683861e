/**
 * Whether an agent run did the work, from what the branch holds — not from the exit code alone
 * (Aider exits 0 after failed LLM calls, Claude Code exits 0 after SIGINT). The agent's output
 * decides the reason: a rejected key or a missing model or flag is permanent (another attempt
 * fails the same way, so the message is quarantined on its first delivery); rate limits, network
 * and server errors are retried. Pure.
 */
import type { WorkerConfig } from '../config/worker-config.ts';
import type { AgentReport } from '../agent/agent-report.ts';
import { MINIMUM_AGENT_VERSIONS } from '../agent/agent-versions.ts';
import type { ProcessOutcome } from '../agent/run-process.ts';
import { formatDuration } from './pull-request-text.ts';

/** The verdict's reason when the agent left the branch as it found it. */
export const NO_CHANGES_REASON = 'the agent made no changes';

export interface AgentRunFacts {
  readonly preset: WorkerConfig['agent']['preset'];
  readonly outcome: ProcessOutcome;
  readonly report: AgentReport;
  /** New commits on the branch since it started, and whether files were left uncommitted. */
  readonly commits: number;
  readonly uncommitted: boolean;
  readonly limits: { readonly maxJobMs: number; readonly idleOutputMs: number };
}

export type AgentRunVerdict =
  | { readonly kind: 'publish'; readonly warnings: readonly string[] }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'retry' | 'permanent'; readonly reason: string };

export function judgeAgentRun(facts: AgentRunFacts): AgentRunVerdict {
  const { outcome, report, limits, preset } = facts;
  if (report.fatal) return { kind: 'permanent', reason: fatalReason(preset, report.fatal) };
  if (outcome.stoppedBy === 'aborted') return { kind: 'stopped' };
  if (outcome.spawnError)
    return { kind: 'permanent', reason: `could not start the agent: ${outcome.spawnError}` };
  if (outcome.stoppedBy === 'max-time') {
    return {
      kind: 'retry',
      reason: `the job ran longer than ${formatDuration(limits.maxJobMs)} and was stopped`,
    };
  }
  if (outcome.stoppedBy === 'idle') {
    return {
      kind: 'retry',
      reason: `the agent printed nothing for ${formatDuration(limits.idleOutputMs)} and was stopped as hung`,
    };
  }
  if (outcome.exitCode !== 0) {
    const how = outcome.exitSignal
      ? `was killed by ${outcome.exitSignal}`
      : `exited with code ${outcome.exitCode}`;
    return { kind: 'retry', reason: `the agent ${how}` };
  }
  if (report.incomplete !== null) {
    // Partial work is not published: Claude Code reports an interrupted session as an error result.
    return { kind: 'retry', reason: `the agent stopped before finishing: ${report.incomplete}` };
  }
  if (facts.commits === 0 && !facts.uncommitted) {
    if (report.rateLimited)
      return { kind: 'retry', reason: 'the model API is rate-limiting requests (429); trying again later' };
    if (report.llmErrors.length > 0)
      return { kind: 'retry', reason: `the model call failed: ${report.llmErrors[0]}` };
    if (report.reflectionsExhausted || report.malformedResponses > 0) {
      return {
        kind: 'retry',
        reason: "the model's edits could not be applied (it did not follow the edit format)",
      };
    }
    return { kind: 'permanent', reason: NO_CHANGES_REASON };
  }
  const warnings = [
    ...report.llmErrors,
    ...(report.reflectionsExhausted ? ['Aider stopped after repeated edit-format errors'] : []),
  ];
  return { kind: 'publish', warnings };
}

function fatalReason(
  preset: WorkerConfig['agent']['preset'],
  fatal: NonNullable<AgentReport['fatal']>,
): string {
  if (fatal.kind === 'auth') return `the model API rejected the key for ${preset} (${fatal.detail})`;
  if (/unrecognized arguments|error: argument/.test(fatal.detail)) {
    const minimum =
      preset === 'custom' ? '' : ` (the worker needs ${preset} ${MINIMUM_AGENT_VERSIONS[preset]} or later)`;
    return `${preset} did not accept the worker's flags${minimum}: ${fatal.detail}`;
  }
  return `${preset} is not configured: ${fatal.detail}`;
}
