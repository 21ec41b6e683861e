import { describe, expect, it } from 'vitest';
import { buildRoundPrompt } from '../../../src-main/engine/pipeline/review-round/round-prompt.ts';
import {
  roundFailedReply,
  roundMarker,
  roundNoChangesReply,
  roundPushedReply,
} from '../../../src-main/engine/pipeline/review-round/round-reply.ts';

const input = {
  repository: 'octo/app',
  issueNumber: 7,
  issueTitle: 'Fix the greeting\n# injected heading',
  issueBody: 'The greeting is rude.',
  pullNumber: 12,
  branch: 'ai-task/issue-7',
  round: 2,
  author: 'alice',
  kind: 'review' as const,
  request: 'Two things.',
  inline: [
    { path: 'src/a.ts', line: 3, startLine: null, body: 'Rename x.', author: 'alice' },
    { path: 'src/b.ts', line: 9, startLine: 5, body: 'Split this.', author: 'alice' },
    { path: 'old.ts', line: null, startLine: null, body: 'Outdated.', author: 'alice' },
  ],
  maxChars: 100_000,
};

describe('review round prompt', () => {
  it('gives the request, each inline comment with file and line, then the issue', () => {
    const prompt = buildRoundPrompt(input);
    expect(prompt).toContain('pull request #12 (branch ai-task/issue-7)');
    expect(prompt).toContain('round 2');
    expect(prompt).toContain('# Review request by @alice\n\nTwo things.');
    expect(prompt).toContain('### src/a.ts, line 3 (@alice)\n\nRename x.');
    expect(prompt).toContain('### src/b.ts, lines 5-9 (@alice)\n\nSplit this.');
    expect(prompt).toContain('### old.ts (on an earlier version of the file) (@alice)');
    expect(prompt).toContain('# The issue: Fix the greeting # injected heading\n\nThe greeting is rude.');
    expect(prompt.indexOf('Review request')).toBeLessThan(prompt.indexOf('The issue:'));
  });

  it('leaves the /ai-task command out of the request', () => {
    const prompt = buildRoundPrompt({
      ...input,
      kind: 'issue_comment',
      request: '/ai-task  use tabs',
      inline: [],
    });
    expect(prompt).toContain('# Review request by @alice\n\nuse tabs');
  });

  it('shortens the issue first, and never exceeds the budget', () => {
    const prompt = buildRoundPrompt({ ...input, issueBody: 'x'.repeat(50_000), maxChars: 2_000 });
    expect(prompt.length).toBeLessThanOrEqual(2_000);
    expect(prompt).toContain('Rename x.');
    expect(prompt).toContain('[… description truncated]');
  });
});

describe('review round replies', () => {
  const marker = roundMarker('issue_comment', 99);

  it('mark the request they answer, invisibly', () => {
    expect(marker).toBe('<!-- codingworker-round issue_comment:99 -->');
    expect(roundNoChangesReply(2, marker)).toContain(marker);
    expect(roundFailedReply(3, 'boom', 'job-1', marker).endsWith(marker)).toBe(true);
  });

  it('say what was pushed: commits, files, model, cost, and a moved head', () => {
    const reply = roundPushedReply({
      round: 2,
      author: 'alice',
      commits: ['abc1234 fix'],
      files: ['src/a.ts'],
      agentLabel: 'aider',
      model: 'gpt-4o',
      usage: { tokensSent: 1000, tokensReceived: 10, costUsd: 0.05 },
      durationMs: 65_000,
      rebasedOnto: 'f'.repeat(40),
      marker,
    });
    expect(reply).toContain("Round 2: CodingWorker pushed 1 commit(s) for @alice's request.");
    expect(reply).toContain('abc1234 fix');
    expect(reply).toContain('src/a.ts');
    expect(reply).toContain('`gpt-4o`');
    expect(reply).toContain('$0.05');
    expect(reply).toContain('placed on top of `ffffffffffff`');
  });

  it('never lets a failure reason mention anyone or break out of its code span', () => {
    const reply = roundFailedReply(2, 'bad `code` by @mallory', 'job-1', marker);
    expect(reply).toContain('Reason: `bad code by @\u200bmallory`');
  });
});
