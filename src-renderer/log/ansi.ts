/**
 * ANSI escape sequences in agent output, turned into styled text segments. Pure, and the only way
 * log text reaches the page: as text nodes with class names, never as HTML.
 *
 * Handles SGR (ESC [ ... m): reset, bold, dim, italic, underline, inverse, strike, the 8/16 colours,
 * 256-colour and 24-bit colours, and their resets. Every other escape (cursor moves, erase line,
 * OSC titles and hyperlinks) is dropped. A carriage return keeps what a terminal would show last.
 */

export interface AnsiStyle {
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  readonly inverse?: boolean;
  readonly strike?: boolean;
  /** 0–15 for the palette colours, or a CSS colour string for 256-colour and 24-bit ones. */
  readonly fg?: number | string;
  readonly bg?: number | string;
}

export interface AnsiSegment {
  readonly text: string;
  readonly style: AnsiStyle;
}

// CSI (ESC [ params intermediates final), OSC (ESC ] ... BEL or ST), and lone two-byte escapes.
const ESCAPE =
  // eslint-disable-next-line no-control-regex
  /\u001b\[([0-9;:?<=>]*)([ -/]*)([@-~])|\u001b\[[0-9;:?<=>]*[ -/]*$|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]?|\u009b[0-9;]*[@-~]/g;

export function parseAnsi(input: string): AnsiSegment[] {
  const text = lastCarriageReturn(input);
  const segments: AnsiSegment[] = [];
  let style: AnsiStyle = {};
  let at = 0;
  const emit = (chunk: string) => {
    // eslint-disable-next-line no-control-regex
    const clean = chunk.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
    if (clean === '') return;
    const last = segments[segments.length - 1];
    if (last && sameStyle(last.style, style))
      segments[segments.length - 1] = { text: last.text + clean, style };
    else segments.push({ text: clean, style });
  };
  for (const match of text.matchAll(ESCAPE)) {
    emit(text.slice(at, match.index));
    at = match.index + match[0].length;
    if (match[3] === 'm' && match[2] === '' && !/[?<=>]/.test(match[1] ?? ''))
      style = applySgr(style, match[1] ?? '');
  }
  emit(text.slice(at));
  return segments;
}

/** The text without any escape sequence: for search, copy and the accessible name. */
export function stripAnsi(input: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u0008\u000b-\u001f\u007f\u009b]/.test(input)) return input;
  return parseAnsi(input)
    .map((segment) => segment.text)
    .join('');
}

function lastCarriageReturn(text: string): string {
  const trimmed = text.endsWith('\r') ? text.slice(0, -1) : text;
  const cr = trimmed.lastIndexOf('\r');
  return cr === -1 ? trimmed : trimmed.slice(cr + 1);
}

function applySgr(current: AnsiStyle, params: string): AnsiStyle {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  let style: { -readonly [K in keyof AnsiStyle]: AnsiStyle[K] } = { ...current };
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (code === 0) style = {};
    else if (code === 1) style.bold = true;
    else if (code === 2) style.dim = true;
    else if (code === 3) style.italic = true;
    else if (code === 4) style.underline = true;
    else if (code === 7) style.inverse = true;
    else if (code === 9) style.strike = true;
    else if (code === 22) {
      delete style.bold;
      delete style.dim;
    } else if (code === 23) delete style.italic;
    else if (code === 24) delete style.underline;
    else if (code === 27) delete style.inverse;
    else if (code === 29) delete style.strike;
    else if (code >= 30 && code <= 37) style.fg = code - 30;
    else if (code >= 90 && code <= 97) style.fg = code - 90 + 8;
    else if (code === 39) delete style.fg;
    else if (code >= 40 && code <= 47) style.bg = code - 40;
    else if (code >= 100 && code <= 107) style.bg = code - 100 + 8;
    else if (code === 49) delete style.bg;
    else if (code === 38 || code === 48) {
      const [colour, used] = extendedColour(codes, i + 1);
      i += used;
      if (colour !== null) style[code === 38 ? 'fg' : 'bg'] = colour;
    }
  }
  return style;
}

/** 5;n (256 colours) or 2;r;g;b (24-bit), starting at codes[at]. Returns the colour and codes used. */
function extendedColour(codes: readonly number[], at: number): [number | string | null, number] {
  const mode = codes[at];
  if (mode === 5) {
    const n = codes[at + 1];
    if (n === undefined || !Number.isInteger(n) || n < 0 || n > 255) return [null, 2];
    return [n < 16 ? n : xterm256(n), 2];
  }
  if (mode === 2) {
    const rgb = codes.slice(at + 1, at + 4);
    if (rgb.length < 3 || rgb.some((c) => !Number.isInteger(c) || c < 0 || c > 255)) return [null, 4];
    return [`rgb(${rgb.join(', ')})`, 4];
  }
  return [null, 0];
}

function xterm256(n: number): string {
  if (n >= 232) {
    const level = 8 + (n - 232) * 10;
    return `rgb(${level}, ${level}, ${level})`;
  }
  const index = n - 16;
  const steps = [0, 95, 135, 175, 215, 255];
  return `rgb(${steps[Math.floor(index / 36)]}, ${steps[Math.floor(index / 6) % 6]}, ${steps[index % 6]})`;
}

function sameStyle(a: AnsiStyle, b: AnsiStyle): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof AnsiStyle>;
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

/** Class names for a style: palette colours become classes the theme defines for light and dark. */
export function styleClasses(style: AnsiStyle): string {
  const classes: string[] = [];
  const fg = style.inverse ? style.bg : style.fg;
  const bg = style.inverse ? (style.fg ?? 'fg') : style.bg;
  if (typeof fg === 'number') classes.push(`ansi-fg-${fg}`);
  if (typeof bg === 'number') classes.push(`ansi-bg-${bg}`);
  if (bg === 'fg') classes.push('ansi-bg-inverse');
  if (style.inverse && fg === undefined) classes.push('ansi-fg-inverse');
  if (style.bold) classes.push('ansi-bold');
  if (style.dim) classes.push('ansi-dim');
  if (style.italic) classes.push('ansi-italic');
  if (style.underline) classes.push('ansi-underline');
  if (style.strike) classes.push('ansi-strike');
  return classes.join(' ');
}

/** 256-colour and 24-bit colours, which no class can name; applied through the style property. */
export function styleColours(style: AnsiStyle): { color?: string; backgroundColor?: string } | undefined {
  const fg = style.inverse ? style.bg : style.fg;
  const bg = style.inverse ? style.fg : style.bg;
  const out: { color?: string; backgroundColor?: string } = {};
  if (typeof fg === 'string') out.color = fg;
  if (typeof bg === 'string') out.backgroundColor = bg;
  return out.color || out.backgroundColor ? out : undefined;
}
