import { describe, expect, it } from 'vitest';
import { buildPrompt } from '../../../src-main/engine/agent/prompt.ts';

const base = { repository: 'o/r', issueNumber: 7, title: 'Fix it', body: 'The body.', comments: [] };

describe('the agent prompt', () => {
  it('holds the issue number, title, body and discussion', () => {
    const prompt = buildPrompt({
      ...base,
      comments: [
        { author: 'alice', createdAt: '2026-01-01T00:00:00Z', body: 'First thought' },
        { author: 'bob', createdAt: '2026-01-02T00:00:00Z', body: 'Use tabs' },
      ],
    });
    expect(prompt).toContain('GitHub issue #7 in the repository o/r');
    expect(prompt).toContain('# Fix it');
    expect(prompt).toContain('The body.');
    expect(prompt.indexOf('First thought')).toBeLessThan(prompt.indexOf('Use tabs'));
    expect(prompt).toContain('## Comment by @bob (2026-01-02T00:00:00Z)');
  });

  it('keeps a title on one line and says when there is no description', () => {
    const prompt = buildPrompt({ ...base, title: 'Line one\n# Injected heading\r\n', body: '   ' });
    expect(prompt).toContain('# Line one # Injected heading\n');
    expect(prompt).toContain('(The issue has no description.)');
  });

  it('stays within its size budget, keeping the newest comments', () => {
    const comments = Array.from({ length: 50 }, (_, i) => ({
      author: 'c',
      createdAt: 't',
      body: `comment ${i} ${'z'.repeat(200)}`,
    }));
    const prompt = buildPrompt({ ...base, body: 'b'.repeat(2000), comments, maxChars: 5000 });
    expect(prompt.length).toBeLessThanOrEqual(5000);
    expect(prompt).toContain('comment 49');
    expect(prompt).not.toContain('comment 0 ');
    expect(prompt).toMatch(/\(\d+ earlier comments left out for length\.\)/);
  });

  it('says how many comments were left out because their authors have no standing in the repository', () => {
    expect(buildPrompt({ ...base, excludedComments: 1 })).toContain(
      '(1 comment by people who are not owners, members or collaborators of the repository was left out.)',
    );
    expect(buildPrompt({ ...base, excludedComments: 3 })).toContain('(3 comments by people who are not');
    expect(buildPrompt(base)).not.toContain('# Discussion');
  });

  it('truncates a body that alone exceeds the budget', () => {
    const prompt = buildPrompt({ ...base, body: 'x'.repeat(200_000), maxChars: 10_000 });
    expect(prompt.length).toBeLessThanOrEqual(10_000);
    expect(prompt).toContain('[… description truncated]');
  });
});
