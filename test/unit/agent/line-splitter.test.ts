import { describe, expect, it } from 'vitest';
import { LineSplitter, stripAnsi } from '../../../src-main/engine/agent/line-splitter.ts';
import { capLine } from '../../../src-main/engine/journal/job-log-file.ts';
import { Redactor } from '../../../src-main/engine/security/redact.ts';

function split(chunks: (string | Uint8Array)[], max?: number): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line), max);
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return lines;
}

describe('splitting output into lines', () => {
  it('handles \\n, \\r\\n and a lone \\r, also across chunks', () => {
    expect(split(['a\nb\r', '\nc\rd', '\n\ne'])).toEqual(['a', 'b', 'c', 'd', '', 'e']);
  });

  it('decodes a UTF-8 character split between chunks', () => {
    const bytes = Buffer.from('héllo ✨\n');
    expect(split([bytes.subarray(0, 2), bytes.subarray(2, 8), bytes.subarray(8)])).toEqual(['héllo ✨']);
  });

  it('keeps the start of an overlong line, drops the rest and says how much', () => {
    expect(split(['abcdefghij', 'klm\nn'], 4)).toEqual(['abcd … [line cut: 9 more characters]', 'n']);
    expect(split(['abcdefgh'], 4)).toEqual(['abcd … [line cut: 4 more characters]']);
    expect(split(['abcd\n'], 4)).toEqual(['abcd']);
  });

  it('removes colours and cursor movement', () => {
    expect(stripAnsi('\u001b[1;32mgreen\u001b[0m \u001b]0;title\u0007done')).toBe('green done');
  });
});

describe('long lines and secrets', () => {
  it('keeps a secret just before the limit whole, so the redactor still recognises it', () => {
    const token = `ghp_${'A'.repeat(36)}`;
    const line = `${'x'.repeat(8170)}${token}${'y'.repeat(50_000)}\n`;
    const [kept] = split([line]);
    const stored = capLine(new Redactor().redact(kept!));
    expect(stored).not.toContain('AAAA');
    expect(stored).toMatch(/^x{4000} … \[line cut: 54\d\d\d more characters\]$/);
  });
});
