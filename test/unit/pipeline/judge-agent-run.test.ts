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
  rateLimited: false,
  fatal: null,
  incomplete: null,
  usage: { tokensSent: null, tokensReceived: null, costUsd: null },
};
const limits = { maxJobMs: 3_600_000, idleOutputMs: 600_000 };
const judge = (
  outcome: Partial<ProcessOutcome>,
  report: Partial<AgentReport>,
  commits = 0,
  uncommitted = false,
  preset: 'aider' | 'claude-code' | 'codex' | 'custom' = 'aider',
) =>
  judgeAgentRun({
    preset,
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

  it('fails permanently, whatever the exit code, when the model API rejected the key', () => {
    const fatal = { kind: 'auth' as const, detail: '401 authentication_failed' };
    for (const preset of ['aider', 'claude-code', 'codex'] as const) {
      const verdict = judge({ exitCode: 0 }, { fatal }, 0, false, preset);
      expect(verdict.kind).toBe('permanent');
      expect(verdict.kind === 'permanent' && verdict.reason).toContain(
        `the model API rejected the key for ${preset}`,
      );
    }
    // The worker stopped it because of the rejected key: still permanent, not "stopped".
    expect(judge({ stoppedBy: 'aborted', exitCode: null }, { fatal }).kind).toBe('permanent');
  });

  it('fails permanently when Aider has no model, or rejects the worker’s flags (too old)', () => {
    const noModel = judge(
      { exitCode: 1 },
      { fatal: { kind: 'config', detail: 'No LLM model was specified and no API keys were provided.' } },
    );
    expect(noModel).toEqual({
      kind: 'permanent',
      reason: 'aider is not configured: No LLM model was specified and no API keys were provided.',
    });
    const old = judge(
      { exitCode: 2 },
      { fatal: { kind: 'config', detail: 'aider: error: unrecognized arguments: --no-show-release-notes' } },
    );
    expect(old.kind === 'permanent' && old.reason).toMatch(/needs aider 0\.86\.0 or later/);
  });

  it('retries a rate limit that left no changes', () => {
    expect(judge({}, { rateLimited: true, llmErrors: ['litellm.RateLimitError: 429'] })).toEqual({
      kind: 'retry',
      reason: 'the model API is rate-limiting requests (429); trying again later',
    });
  });

  it('does not publish the partial work of a session that ended in an error (Claude Code after SIGINT exits 0)', () => {
    const verdict = judge({ exitCode: 0 }, { incomplete: 'Execution error' }, 1, true, 'claude-code');
    expect(verdict).toEqual({ kind: 'retry', reason: 'the agent stopped before finishing: Execution error' });
  });

  it('names no minimum version when a custom command refuses the worker’s flags', () => {
    const fatal = { kind: 'config' as const, detail: 'mytool: error: unrecognized arguments: --yes' };
    expect(judge({ exitCode: 2 }, { fatal }, 0, false, 'custom')).toEqual({
      kind: 'permanent',
      reason: "custom did not accept the worker's flags: mytool: error: unrecognized arguments: --yes",
    });
  });
});
