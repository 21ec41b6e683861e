import { describe, expect, it } from 'vitest';
import {
  failureComment,
  fenced,
  formatDuration,
  pullRequestBody,
  pullRequestTitle,
} from '../../../src-main/engine/pipeline/pull-request-text.ts';

describe('what the worker writes on GitHub', () => {
  it('titles the pull request after the issue, on one line and within GitHub’s limit', () => {
    expect(pullRequestTitle('Fix\nthe  greeting', 42)).toBe('Fix the greeting (#42)');
    const long = pullRequestTitle('x'.repeat(300), 42);
    expect(long.length).toBeLessThanOrEqual(256);
    expect(long.endsWith('… (#42)')).toBe(true);
  });

  it('starts the body with Fixes #N and fences everything the agent printed', () => {
    const body = pullRequestBody({
      issueNumber: 42,
      agentLabel: 'aider',
      model: 'gpt-4o',
      durationMs: 192_000,
      usage: { tokensSent: 12_345, tokensReceived: 678, costUsd: 0.0456 },
      summary: ['Applied edit to src/a.ts', 'abc1234 fix: ping @everyone ```'],
      files: ['src/a.ts'],
      warnings: [],
      jobId: 'job-1',
    });
    expect(body.startsWith('Fixes #42\n')).toBe(true);
    expect(body).toContain('````text\nApplied edit to src/a.ts\nabc1234 fix: ping @everyone ```\n````');
    expect(body).toContain('| Duration | 3 min 12 s |');
    expect(body).toContain('| Tokens and cost | 12,345 tokens sent, 678 received, cost $0.05 |');
    expect(body).toContain('| Model | `gpt-4o` |');
  });

  it('explains a failure with the worker’s own last steps in a code block, capped', () => {
    const steps = Array.from({ length: 100 }, (_, i) => `step ${i}`);
    const comment = failureComment({
      reason: 'the agent made no changes',
      workerLines: steps,
      jobId: 'job-9',
    });
    expect(comment).toContain('could not finish this issue: `the agent made no changes`');
    expect(comment).toContain('step 99');
    expect(comment).not.toContain('step 10\n');
    expect(comment).toMatch(/<details>[\s\S]*```text[\s\S]*```[\s\S]*<\/details>/);
    expect(comment).toContain('job `job-9`');
    expect(comment.length).toBeLessThan(8000);
  });

  it('posts a reason with agent text as inert inline code: no markup, no mention, capped', () => {
    const reason =
      'the model call failed: API Error: @acme/security-team please re-auth at [GitHub SSO](https://evil.example/login) ![](https://evil.example/p.gif) `code` ' +
      'x'.repeat(1000);
    const comment = failureComment({ reason, workerLines: [], jobId: 'j' });
    const first = comment.split('\n')[0]!;
    const code = /^CodingWorker could not finish this issue: `([^`]*)`$/.exec(first);
    expect(code).not.toBeNull();
    expect(code![1]).not.toMatch(/@[a-z]/i);
    expect(code![1]).toContain('@\u200bacme/security-team');
    expect(code![1]!.length).toBeLessThanOrEqual(320);
    expect(comment.match(/`/g)!.length % 2).toBe(0);
  });

  it('replaces the data folder and the home folder in what it posts', () => {
    const comment = failureComment({
      reason:
        'git push failed: /Users/alice/Library/Application Support/CodingWorker/repos/o/r.git is locked',
      workerLines: [
        'Started /Users/alice/.local/bin/aider (pid 4242) in /Users/alice/Library/Application Support/CodingWorker/worktrees/.pool/o__r/w-1a2b',
        'Prompt: 120 characters (/Users/alice/Library/Application Support/CodingWorker/jobs/j/prompt.md)',
        'Not a path: /Users/alice2/x',
      ],
      jobId: 'j',
      hidePaths: [
        { path: '/Users/alice/Library/Application Support/CodingWorker', placeholder: '<data folder>' },
        { path: '/Users/alice', placeholder: '~' },
      ],
    });
    expect(comment).not.toContain('/Users/alice/');
    expect(comment).toContain('<data folder>/repos/o/r.git');
    expect(comment).toContain(
      'Started ~/.local/bin/aider (pid 4242) in <data folder>/worktrees/.pool/o__r/w-1a2b',
    );
    expect(comment).toContain('/Users/alice2/x');
  });

  it('fences text containing backticks with a longer fence', () => {
    expect(fenced('a ``` b')).toBe('````\na ``` b\n````');
    expect(fenced('plain')).toBe('```\nplain\n```');
  });

  it('formats durations for people', () => {
    expect(formatDuration(4_400)).toBe('4 s');
    expect(formatDuration(61_000)).toBe('1 min 1 s');
    expect(formatDuration(3_723_000)).toBe('1 h 2 min');
  });
});
