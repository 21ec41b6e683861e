import { describe, expect, it } from 'vitest';
import type { AgentReport } from '../../../src-main/engine/agent/aider-output.ts';
import type { ProcessOutcome } from '../../../src-main/engine/agent/run-process.ts';
import { judgeAgentRun } from '../../../src-main/engine/pipeline/judge-agent-run.ts';

const exited: ProcessOutcome = {
  exitCode: 0,
  exitSignal: null,
  stoppedBy: null,
  durationMs: 1000,
  spawnError: null,
  pid: 1,
};
const quiet: AgentReport = {
  appliedEdits: [],
  commits: [],
  llmErrors: [],
  reflectionsExhausted: false,
  malformedResponses: 0,
  usage: { tokensSent: null, tokensReceived: null, costUsd: null },
};
const limits = { maxJobMs: 3_600_000, idleOutputMs: 600_000 };
const judge = (
  outcome: Partial<ProcessOutcome>,
  report: Partial<AgentReport>,
  commits = 0,
  uncommitted = false,
) =>
  judgeAgentRun({
    outcome: { ...exited, ...outcome },
    report: { ...quiet, ...report },
    commits,
    uncommitted,
    limits,
  });

describe('judging an agent run', () => {
  it('publishes when the branch has new commits or uncommitted changes', () => {
    expect(judge({}, {}, 2)).toEqual({ kind: 'publish', warnings: [] });
    expect(judge({}, {}, 0, true)).toEqual({ kind: 'publish', warnings: [] });
  });

  it('calls exit code 0 with no changes and an LLM error a failure worth retrying', () => {
    expect(judge({}, { llmErrors: ['litellm.RateLimitError: slow down'] })).toEqual({
      kind: 'retry',
      reason: 'the model call failed: litellm.RateLimitError: slow down',
    });
  });

  it('retries when the model never produced an applicable edit', () => {
    expect(judge({}, { reflectionsExhausted: true })).toMatchObject({ kind: 'retry' });
  });

  it('calls a clean run without changes permanent: doing it again would not help', () => {
    expect(judge({}, {})).toEqual({ kind: 'permanent', reason: 'the agent made no changes' });
  });

  it('retries crashes, kills, hangs and overruns, even with partial work on the branch', () => {
    expect(judge({ exitCode: 1 }, {}, 1)).toEqual({ kind: 'retry', reason: 'the agent exited with code 1' });
    expect(judge({ exitCode: null, exitSignal: 'SIGSEGV' }, {}, 1)).toEqual({
      kind: 'retry',
      reason: 'the agent was killed by SIGSEGV',
    });
    expect(judge({ stoppedBy: 'idle' }, {}, 1)).toEqual({
      kind: 'retry',
      reason: 'the agent printed nothing for 10 min 0 s and was stopped as hung',
    });
    expect(judge({ stoppedBy: 'max-time' }, {})).toMatchObject({
      kind: 'retry',
      reason: expect.stringContaining('1 h 0 min'),
    });
  });

  it('reports a missing agent program as permanent, and a stop as a stop', () => {
    expect(judge({ spawnError: 'aider was not found on PATH', exitCode: null }, {})).toEqual({
      kind: 'permanent',
      reason: 'could not start the agent: aider was not found on PATH',
    });
    expect(judge({ stoppedBy: 'aborted' }, {}, 3)).toEqual({ kind: 'stopped' });
  });

  it('publishes work done despite LLM errors along the way, with the errors as warnings', () => {
    expect(judge({}, { llmErrors: ['litellm.APIConnectionError: x'] }, 1)).toEqual({
      kind: 'publish',
      warnings: ['litellm.APIConnectionError: x'],
    });
  });

  it('retries a run whose only trouble was malformed replies, not calling it permanent', () => {
    expect(judge({}, { malformedResponses: 2 })).toEqual({
      kind: 'retry',
      reason: "the model's edits could not be applied (it did not follow the edit format)",
    });
  });

  it('publishes work done before Aider gave up on the edit format, with a warning saying so', () => {
    expect(judge({}, { reflectionsExhausted: true }, 1)).toEqual({
      kind: 'publish',
      warnings: ['Aider stopped after repeated edit-format errors'],
    });
  });
});
