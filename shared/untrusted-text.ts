/**
 * Text from issues, repositories and agents, made safe to show where people read it. Pure; no
 * Node, no DOM.
 *
 * - Control characters (C0, DEL, C1 — escape sequences, carriage returns, newlines in one-line
 *   fields) would forge log lines or drive a terminal: they are shown as visible escapes (\x1b).
 * - Bidirectional controls (the "Trojan Source" characters) and zero-width characters make text
 *   read differently from what it is: they are removed from one-line text (titles, notifications,
 *   tray) and shown as visible escapes (\u202e) in log and console lines, where the reader may
 *   need to see that they were there.
 */

/** Bidi embeddings, overrides and isolates, the implicit marks, and the Arabic letter mark. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Zero-width space, joiners, word joiner, invisible operators, BOM, Mongolian vowel separator. */
const ZERO_WIDTH = /[\u180e\u200b-\u200d\u2060-\u2064\ufeff]/g;
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROLS_AND_TAB = /[\u0000-\u001f\u007f-\u009f]/g;

function visible(char: string): string {
  const code = char.codePointAt(0)!;
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * One line for a console or log: every control character (tab kept) and every bidi or
 * zero-width character shown as a visible escape, so nothing can start a new line, move the
 * cursor, recolour the terminal or reorder what is read.
 */
export function visibleLine(text: string): string {
  return text.replace(CONTROLS, visible).replace(BIDI, visible).replace(ZERO_WIDTH, visible);
}

/**
 * A one-line label (PR title, notification, tray text): bidi and zero-width characters removed,
 * control characters and runs of whitespace collapsed to one space, trimmed.
 */
export function plainLabel(text: string): string {
  return text
    .replace(BIDI, '')
    .replace(ZERO_WIDTH, '')
    .replace(CONTROLS_AND_TAB, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether the text holds anything the functions above would change or remove. */
export function hasHiddenCharacters(text: string): boolean {
  return new RegExp(`${BIDI.source}|${ZERO_WIDTH.source}|${CONTROLS_AND_TAB.source}`).test(text);
}
