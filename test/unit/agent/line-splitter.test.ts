import { describe, expect, it } from 'vitest';
import { LineSplitter, stripAnsi } from '../../../src-main/engine/agent/line-splitter.ts';

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

  it('cuts overlong lines so no line is ever held whole', () => {
    expect(split(['abcdefghij', 'klm\nn'], 4)).toEqual(['abcd', 'efgh', 'ijkl', 'm', 'n']);
  });

  it('removes colours and cursor movement', () => {
    expect(stripAnsi('\u001b[1;32mgreen\u001b[0m \u001b]0;title\u0007done')).toBe('green done');
  });
});
