import { describe, expect, it } from 'vitest';
import { consolePrinter } from '../../../src-main/cli/console-output.ts';
import { pullRequestTitle } from '../../../src-main/engine/pipeline/pull-request-text.ts';

describe('untrusted text where people read it', () => {
  it('run prints a hostile notice and log line on one line each, with escapes visible', () => {
    const lines: string[] = [];
    const print = consolePrinter(false, (line) => lines.push(line));
    print({
      event: 'notice',
      payload: {
        kind: 'pr-opened',
        title: 'Pull request opened',
        body: 'x\n2026-01-01T00:00:00Z status idle\u001b[2K',
        subject: null,
      },
    } as never);
    print({
      event: 'log',
      payload: { jobId: 'j1', lines: [{ n: 1, at: '', stream: 'stdout', text: 'a\u202eb\rc' }] },
    } as never);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/notice Pull request opened: x\\x0a2026-01-01T00:00:00Z status idle\\x1b\[2K$/);
    expect(lines[1]).toMatch(/log {4}\[j1\] a\\u202eb\\x0dc$/);
  });

  it('PR titles lose bidi overrides and zero-width characters', () => {
    expect(pullRequestTitle('Fix \u202etxt.exe\u202c \u200bnow', 7)).toBe('Fix txt.exe now (#7)');
  });
});
