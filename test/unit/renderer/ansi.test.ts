import { describe, expect, it } from 'vitest';
import { parseAnsi, stripAnsi, styleClasses, styleColours } from '../../../src-renderer/log/ansi.ts';

const ESC = '\u001b';

describe('ANSI parser', () => {
  it('passes plain text through as one unstyled segment', () => {
    expect(parseAnsi('hello world')).toEqual([{ text: 'hello world', style: {} }]);
    expect(parseAnsi('')).toEqual([]);
  });

  it('applies and resets the 8 colours and bold', () => {
    expect(parseAnsi(`${ESC}[1;31mFAIL${ESC}[0m done`)).toEqual([
      { text: 'FAIL', style: { bold: true, fg: 1 } },
      { text: ' done', style: {} },
    ]);
  });

  it('treats ESC[m as a reset', () => {
    expect(parseAnsi(`${ESC}[32mok${ESC}[m plain`)).toEqual([
      { text: 'ok', style: { fg: 2 } },
      { text: ' plain', style: {} },
    ]);
  });

  it('knows the bright colours and backgrounds', () => {
    expect(parseAnsi(`${ESC}[92;41mx`)).toEqual([{ text: 'x', style: { fg: 10, bg: 1 } }]);
    expect(parseAnsi(`${ESC}[105my`)).toEqual([{ text: 'y', style: { bg: 13 } }]);
  });

  it('resets single attributes: 22, 23, 24, 27, 29, 39, 49', () => {
    const segments = parseAnsi(`${ESC}[1;2;3;4;7;9;33;44ma${ESC}[22;23;24;27;29;39;49mb`);
    expect(segments[0]!.style).toEqual({
      bold: true,
      dim: true,
      italic: true,
      underline: true,
      inverse: true,
      strike: true,
      fg: 3,
      bg: 4,
    });
    expect(segments[1]).toEqual({ text: 'b', style: {} });
  });

  it('reads 256-colour and 24-bit colours, with ; or : separators', () => {
    expect(parseAnsi(`${ESC}[38;5;208mo`)[0]!.style).toEqual({ fg: 'rgb(255, 135, 0)' });
    expect(parseAnsi(`${ESC}[38;5;9mr`)[0]!.style).toEqual({ fg: 9 });
    expect(parseAnsi(`${ESC}[48;5;240mg`)[0]!.style).toEqual({ bg: 'rgb(88, 88, 88)' });
    expect(parseAnsi(`${ESC}[38;2;10;20;30mt`)[0]!.style).toEqual({ fg: 'rgb(10, 20, 30)' });
    expect(parseAnsi(`${ESC}[38:2:10:20:30mt`)[0]!.style).toEqual({ fg: 'rgb(10, 20, 30)' });
  });

  it('ignores out-of-range and truncated extended colours without eating the next code', () => {
    expect(parseAnsi(`${ESC}[38;5;999mx`)[0]!.style).toEqual({});
    expect(parseAnsi(`${ESC}[38;2;1;2mx`)[0]!.style).toEqual({});
    expect(parseAnsi(`${ESC}[38;7;1mx`)[0]!.style).toEqual({ bold: true, inverse: true });
  });

  it('drops cursor movement, erase and private-mode sequences', () => {
    expect(stripAnsi(`${ESC}[2K${ESC}[1Gprogress${ESC}[?25l${ESC}[0K`)).toBe('progress');
    expect(parseAnsi(`${ESC}[?2004h`)).toEqual([]);
  });

  it('drops OSC sequences, titles and hyperlinks alike, keeping only the visible text', () => {
    expect(stripAnsi(`${ESC}]0;window title\u0007after`)).toBe('after');
    expect(stripAnsi(`${ESC}]8;;https://evil.example\u0007click${ESC}]8;;\u0007`)).toBe('click');
    expect(stripAnsi(`${ESC}]8;;javascript:alert(1)${ESC}\\link${ESC}]8;;${ESC}\\`)).toBe('link');
  });

  it('keeps what a terminal would show after carriage returns (progress bars)', () => {
    expect(stripAnsi('10%\r50%\r100%')).toBe('100%');
    expect(stripAnsi('done\r')).toBe('done');
  });

  it('removes other control characters but keeps tabs', () => {
    expect(stripAnsi('a\u0007b\u0000c\td')).toBe('abc\td');
  });

  it('treats markup as text: it is never interpreted', () => {
    const segments = parseAnsi(`${ESC}[31m<img src=x onerror=alert(1)>${ESC}[0m`);
    expect(segments).toEqual([{ text: '<img src=x onerror=alert(1)>', style: { fg: 1 } }]);
  });

  it('merges neighbouring text with the same style', () => {
    expect(parseAnsi(`a${ESC}[0mb${ESC}[31m${ESC}[31mc${ESC}[31md`)).toEqual([
      { text: 'ab', style: {} },
      { text: 'cd', style: { fg: 1 } },
    ]);
  });

  it('survives a lone or unfinished escape', () => {
    expect(stripAnsi(`text${ESC}`)).toBe('text');
    expect(stripAnsi(`${ESC}[31`)).toBe('');
    expect(stripAnsi(`a${ESC}[31;`)).toBe('a');
  });

  it('handles a long line in linear time', () => {
    const line = `${ESC}[32m${'x'.repeat(100)}${ESC}[0m`.repeat(2000);
    const started = performance.now();
    expect(stripAnsi(line)).toHaveLength(200_000);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('ANSI styles as classes and colours', () => {
  it('names palette colours and attributes as classes', () => {
    expect(styleClasses({ fg: 1, bg: 12, bold: true, underline: true })).toBe(
      'ansi-fg-1 ansi-bg-12 ansi-bold ansi-underline',
    );
    expect(styleClasses({})).toBe('');
  });

  it('swaps colours for inverse', () => {
    expect(styleClasses({ inverse: true, fg: 2 })).toBe('ansi-bg-2 ansi-fg-inverse');
    expect(styleClasses({ inverse: true })).toBe('ansi-bg-inverse ansi-fg-inverse');
  });

  it('gives 256-colour and 24-bit colours as style values', () => {
    expect(styleColours({ fg: 'rgb(1, 2, 3)' })).toEqual({ color: 'rgb(1, 2, 3)' });
    expect(styleColours({ inverse: true, fg: 'rgb(1, 2, 3)' })).toEqual({ backgroundColor: 'rgb(1, 2, 3)' });
    expect(styleColours({ fg: 3 })).toBeUndefined();
  });
});
