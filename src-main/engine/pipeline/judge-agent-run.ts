/**
 * Whether an agent run did the work, from what the branch holds — not from the exit code alone
 * (Aider exits 0 after failed LLM calls). Pure.
 */
import type { AgentReport } from '../agent/aider-output.ts';
import type { ProcessOutcome } from '../agent/run-process.ts';
import { formatDuration } from './pull-request-text.ts';

/** The verdict's reason when the agent left the branch as it found it. */
export const NO_CHANGES_REASON = 'the agent made no changes';

export interface AgentRunFacts {
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
  const { outcome, report, limits } = facts;
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
  if (facts.commits === 0 && !facts.uncommitted) {
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
