/**
 * A small parser for policy documents as they are written in Terraform: JSON (heredocs, .json
 * files) and HCL object literals (the argument of `jsonencode(...)`). It exists because
 * JSON.parse, Go's encoding/json and Terraform all keep the LAST of two equal keys without a
 * word: a trust policy with two "StringEquals" keys silently loses one condition. This parser
 * keeps every key and reports each repeat.
 *
 * It understands structure, not meaning: references, function calls and for-expressions come
 * back as `expression` nodes holding their source text.
 */

export type LiteralNode =
  | { readonly kind: 'object'; readonly entries: readonly ObjectEntry[] }
  | { readonly kind: 'array'; readonly items: readonly LiteralNode[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'expression'; readonly text: string };

export interface ObjectEntry {
  readonly key: string;
  readonly value: LiteralNode;
  /** 1-based line of the key within the parsed text. */
  readonly line: number;
}

export interface DuplicateKey {
  /** Where the object holding the repeat sits, e.g. `Statement[0].Condition`. */
  readonly path: string;
  readonly key: string;
  readonly line: number;
  readonly firstLine: number;
}

export interface ParsedLiteral {
  readonly value: LiteralNode;
  /** Offset just past the value. */
  readonly end: number;
  readonly duplicates: readonly DuplicateKey[];
}

export class LiteralSyntaxError extends Error {
  readonly line: number;

  constructor(message: string, line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'LiteralSyntaxError';
    this.line = line;
  }
}

export interface ParseOptions {
  /** Offset to start at (leading whitespace and comments are skipped). */
  readonly start?: number;
  /**
   * `json` for heredocs and .json files: keys must be quoted, separators are `:`, and the only bare
   * values are JSON literals and `${...}` template interpolations. `hcl` (the default) is for
   * jsonencode() arguments.
   */
  readonly syntax?: 'json' | 'hcl';
}

/** Parse one value. Throws LiteralSyntaxError. */
export function parsePolicyLiteral(text: string, options: ParseOptions = {}): ParsedLiteral {
  const parser = new Parser(text, options.start ?? 0, options.syntax ?? 'hcl');
  const value = parser.value('');
  return { value, end: parser.pos, duplicates: parser.duplicates };
}

/**
 * The plain value a JSON decoder would produce: later keys overwrite earlier ones (exactly the
 * loss the duplicate report warns about), and expressions become `${...}` strings as hcl2json
 * writes them. JSON literals (numbers, true, false, null) become their values.
 */
export function toPlain(node: LiteralNode): unknown {
  switch (node.kind) {
    case 'object':
      return Object.fromEntries(node.entries.map((entry) => [entry.key, toPlain(entry.value)]));
    case 'array':
      return node.items.map(toPlain);
    case 'string':
      return node.value;
    case 'expression':
      return /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/.test(node.text)
        ? (JSON.parse(node.text) as unknown)
        : `\${${node.text}}`;
  }
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_-]*/y;
const JSON_LITERAL = /(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)(?![A-Za-z0-9_.])/y;
const FOR_KEYWORD = /for\s/y;
const OPENERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

class Parser {
  readonly duplicates: DuplicateKey[] = [];
  private readonly text: string;
  private readonly json: boolean;
  pos: number;

  constructor(text: string, pos: number, syntax: 'json' | 'hcl') {
    this.text = text;
    this.pos = pos;
    this.json = syntax === 'json';
  }

  value(path: string): LiteralNode {
    this.skipSpace(true);
    const start = this.pos;
    const ch = this.text[this.pos];
    const duplicatesBefore = this.duplicates.length;
    let node: LiteralNode;
    if (ch === '{') node = this.object(path);
    else if (ch === '[') node = this.array(path);
    else if (ch === '"') node = { kind: 'string', value: this.string() };
    else if (this.json) return this.jsonBareValue();
    else return this.expression();

    // `"a" == var.b ? x : y` or `{...}[0]`: the literal was only the start of an expression.
    if (!this.json && !this.atValueEnd()) {
      this.duplicates.length = duplicatesBefore;
      this.pos = start;
      return this.expression();
    }
    return node;
  }

  private object(path: string): LiteralNode {
    const open = this.pos;
    this.pos += 1;
    this.skipSpace(true);
    if (this.matchAt(FOR_KEYWORD)) return this.balancedFrom(open);

    const entries: ObjectEntry[] = [];
    const seen = new Map<string, number>();
    for (;;) {
      this.skipSpace(true);
      while (this.text[this.pos] === ',') {
        this.pos += 1;
        this.skipSpace(true);
      }
      if (this.text[this.pos] === '}') {
        this.pos += 1;
        return { kind: 'object', entries };
      }
      if (this.pos >= this.text.length) throw this.error('unterminated object');

      const line = this.lineAt(this.pos);
      const key = this.key();
      this.skipSpace(false);
      const ch = this.text[this.pos];
      const next = this.text[this.pos + 1];
      if (ch === ':' || (!this.json && ch === '=' && next !== '=' && next !== '>')) this.pos += 1;
      else throw this.error(`expected ${this.json ? '":"' : '"=" or ":"'} after key ${JSON.stringify(key)}`);

      const value = this.value(joinPath(path, key));
      // Go's encoding/json matches struct fields case-insensitively, so "Condition" and
      // "condition" are the same field to the AWS provider: count them as one key.
      const folded = key.toLowerCase();
      const firstLine = seen.get(folded);
      if (firstLine === undefined) seen.set(folded, line);
      else this.duplicates.push({ path: path || '(top)', key, line, firstLine });
      entries.push({ key, value, line });

      this.skipSpace(false);
      const after = this.text[this.pos];
      if (after !== ',' && after !== '\n' && after !== '}' && after !== '\r') {
        throw this.error(
          `unexpected ${JSON.stringify(after ?? 'end of text')} after the value of ${JSON.stringify(key)}`,
        );
      }
    }
  }

  private array(path: string): LiteralNode {
    const open = this.pos;
    this.pos += 1;
    this.skipSpace(true);
    if (this.matchAt(FOR_KEYWORD)) return this.balancedFrom(open);

    const items: LiteralNode[] = [];
    for (;;) {
      this.skipSpace(true);
      if (this.text[this.pos] === ']') {
        this.pos += 1;
        return { kind: 'array', items };
      }
      if (this.pos >= this.text.length) throw this.error('unterminated list');
      items.push(this.value(`${path}[${items.length}]`));
      this.skipSpace(true);
      const ch = this.text[this.pos];
      if (ch === ',') this.pos += 1;
      else if (ch !== ']')
        throw this.error(`expected "," or "]" in a list, found ${JSON.stringify(ch ?? 'end of text')}`);
    }
  }

  private key(): string {
    const ch = this.text[this.pos];
    if (ch === '"') return this.string();
    if (this.json) throw this.error(`expected a quoted key, found ${JSON.stringify(ch ?? 'end of text')}`);
    if (ch === '(') {
      const start = this.pos;
      this.skipBalanced();
      return this.text.slice(start, this.pos);
    }
    const identifier = this.matchAt(IDENTIFIER);
    if (!identifier) throw this.error(`expected a key, found ${JSON.stringify(ch ?? 'end of text')}`);
    this.pos += identifier.length;
    return identifier;
  }

  /** A quoted JSON or HCL string. Escapes are decoded; `${...}` interpolations are kept verbatim. */
  private string(): string {
    let out = '';
    this.pos += 1;
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined || ch === '\n') throw this.error('unterminated string');
      if (ch === '"') {
        this.pos += 1;
        return out;
      }
      if (ch === '\\') {
        out += this.escape();
        continue;
      }
      if ((ch === '$' || ch === '%') && this.text[this.pos + 1] === '{') {
        const start = this.pos;
        this.pos += 1;
        this.skipBalanced();
        out += this.text.slice(start, this.pos);
        continue;
      }
      if ((ch === '$' || ch === '%') && this.text[this.pos + 1] === ch && this.text[this.pos + 2] === '{') {
        out += `${ch}{`; // HCL's `$${` is a literal `${`
        this.pos += 3;
        continue;
      }
      out += ch;
      this.pos += 1;
    }
  }

  private escape(): string {
    const ch = this.text[this.pos + 1];
    const simple: Readonly<Record<string, string>> = {
      n: '\n',
      t: '\t',
      r: '\r',
      b: '\b',
      f: '\f',
      '"': '"',
      '\\': '\\',
      '/': '/',
    };
    if (ch !== undefined && ch in simple) {
      this.pos += 2;
      return simple[ch] as string;
    }
    const width = ch === 'u' ? 4 : ch === 'U' ? 8 : 0;
    const hex = this.text.slice(this.pos + 2, this.pos + 2 + width);
    if (width === 0 || !new RegExp(`^[0-9A-Fa-f]{${width}}$`).test(hex)) {
      throw this.error(`bad escape \\${ch ?? ''}`);
    }
    this.pos += 2 + width;
    return String.fromCodePoint(Number.parseInt(hex, 16));
  }

  /** In JSON: a number, true, false, null, or a template interpolation such as `${jsonencode(var.arns)}`. */
  private jsonBareValue(): LiteralNode {
    if (this.text[this.pos] === '$' && this.text[this.pos + 1] === '{') {
      const start = this.pos;
      this.pos += 1;
      this.skipBalanced();
      return { kind: 'expression', text: this.text.slice(start + 2, this.pos - 1).trim() };
    }
    const literal = this.matchAt(JSON_LITERAL);
    if (!literal)
      throw this.error(
        `expected a JSON value, found ${JSON.stringify(this.text[this.pos] ?? 'end of text')}`,
      );
    this.pos += literal.length;
    return { kind: 'expression', text: literal };
  }

  /** Anything else, up to the end of the value: a reference, a call, a number, a conditional. */
  private expression(): LiteralNode {
    const start = this.pos;
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined || ch === ',' || ch === '\n' || ch === '}' || ch === ']' || ch === ')') break;
      if (ch === '#' || (ch === '/' && (this.text[this.pos + 1] === '/' || this.text[this.pos + 1] === '*')))
        break;
      if (ch === '"') this.string();
      else if (ch in OPENERS) this.skipBalanced();
      else this.pos += 1;
    }
    const text = this.text.slice(start, this.pos).trim();
    if (text === '') throw this.error('expected a value');
    return { kind: 'expression', text };
  }

  private balancedFrom(open: number): LiteralNode {
    this.pos = open;
    this.skipBalanced();
    return { kind: 'expression', text: this.text.slice(open, this.pos) };
  }

  /** From an opening bracket past its matching closer; strings (and their interpolations) may nest inside. */
  private skipBalanced(): void {
    const closers: string[] = [];
    do {
      const ch = this.text[this.pos];
      if (ch === undefined) throw this.error('unbalanced brackets');
      if (ch === '"') {
        this.string();
        continue;
      }
      const closer = OPENERS[ch];
      if (closer) closers.push(closer);
      else if (ch === ')' || ch === ']' || ch === '}') {
        if (closers.pop() !== ch) throw this.error(`mismatched ${JSON.stringify(ch)}`);
      }
      this.pos += 1;
    } while (closers.length > 0);
  }

  private atValueEnd(): boolean {
    const saved = this.pos;
    this.skipSpace(false);
    const ch = this.text[this.pos];
    const end =
      ch === undefined || ch === ',' || ch === '\n' || ch === '\r' || ch === '}' || ch === ']' || ch === ')';
    this.pos = saved;
    return end;
  }

  /** Spaces and comments; newlines too when `newlines` (inside brackets HCL ignores them). */
  private skipSpace(newlines: boolean): void {
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === ' ' || ch === '\t' || (newlines && (ch === '\n' || ch === '\r'))) {
        this.pos += 1;
      } else if (ch === '#' || (ch === '/' && this.text[this.pos + 1] === '/')) {
        while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos += 1;
      } else if (ch === '/' && this.text[this.pos + 1] === '*') {
        const close = this.text.indexOf('*/', this.pos + 2);
        if (close < 0) throw this.error('unterminated comment');
        this.pos = close + 2;
      } else {
        return;
      }
    }
  }

  /** The text `pattern` (a sticky regex) matches at the current position, without consuming it. */
  private matchAt(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.pos;
    return pattern.exec(this.text)?.[0];
  }

  private lineAt(offset: number): number {
    let line = 1;
    for (let i = 0; i < offset; i += 1) if (this.text[i] === '\n') line += 1;
    return line;
  }

  private error(message: string): LiteralSyntaxError {
    return new LiteralSyntaxError(message, this.lineAt(this.pos));
  }
}

function joinPath(path: string, key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}
