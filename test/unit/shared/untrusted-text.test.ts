import { describe, expect, it } from 'vitest';
import { hasHiddenCharacters, plainLabel, visibleLine } from '../../../shared/untrusted-text.ts';

describe('untrusted text in console and log lines', () => {
  it('shows escape codes and line breaks instead of obeying them, so no line can be forged', () => {
    const forged = 'Fix it\n2026-12-08T00:00:00Z status idle\u001b[2K\rdone';
    expect(visibleLine(forged)).toBe('Fix it\\x0a2026-12-08T00:00:00Z status idle\\x1b[2K\\x0ddone');
    for (const char of ['\n', '\r', '\u001b']) expect(visibleLine(forged)).not.toContain(char);
  });

  it('makes bidi controls and zero-width characters visible, and keeps tabs and every other character', () => {
    expect(visibleLine('a\u202eb\u200bc\u2066d')).toBe('a\\u202eb\\u200bc\\u2066d');
    expect(visibleLine('名前\tvalue 🚀 café')).toBe('名前\tvalue 🚀 café');
    expect(visibleLine('\u009b31m')).toBe('\\x9b31m');
  });
});

describe('untrusted text in one-line labels', () => {
  it('removes bidi controls and zero-width characters from PR titles and notifications', () => {
    expect(plainLabel('Fix \u202egnp.exe\u202c in the \u200bparser\ufeff')).toBe('Fix gnp.exe in the parser');
  });

  it('turns control characters and runs of whitespace into one space', () => {
    expect(plainLabel('  Title\r\n\u001b[31mred\u0007 \t end ')).toBe('Title [31mred end');
    expect(plainLabel('日本語のタイトル')).toBe('日本語のタイトル');
  });

  it('tells whether there was anything hidden', () => {
    expect(hasHiddenCharacters('plain title')).toBe(false);
    expect(hasHiddenCharacters('a\u200db')).toBe(true);
    expect(hasHiddenCharacters('a\nb')).toBe(true);
  });
});
