/**
 * Finds the hand-written policy documents in Terraform and JSON files, as raw text, and parses
 * each with the duplicate-reporting parser: every `jsonencode(...)` argument, every heredoc whose
 * body is JSON, and every .json file. (aws_iam_policy_document blocks are HCL blocks, not text:
 * test/unit/infra/support/terraform.ts reads those.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type DuplicateKey,
  type LiteralNode,
  LiteralSyntaxError,
  parsePolicyLiteral,
} from './policy-literal.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface PolicyDocument {
  /** Path relative to the repository root. */
  readonly file: string;
  /** 1-based line in `file` where the document starts. */
  readonly line: number;
  readonly source: 'jsonencode' | 'heredoc' | 'json-file';
  readonly value: LiteralNode;
  /** Repeated keys, with lines counted in `file`. */
  readonly duplicates: readonly DuplicateKey[];
}

/** Every .tf and .json file under `root`, sorted, skipping Terraform's own working directories. */
export function listPolicyFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === '.terraform' || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(tf|json)$/.test(entry.name)) found.push(path);
    }
  };
  walk(root);
  return found.sort();
}

export function readPolicyDocuments(path: string): PolicyDocument[] {
  const file = relative(REPO_ROOT, path);
  const text = readFileSync(path, 'utf8');
  return path.endsWith('.json')
    ? [parseAt(file, text, 0, 'json-file').document]
    : findInTerraform(file, text);
}

export function findInTerraform(file: string, text: string): PolicyDocument[] {
  const documents: PolicyDocument[] = [];

  for (const match of text.matchAll(/\bjsonencode\s*\(/g)) {
    if (isInLineComment(text, match.index)) continue;
    documents.push(parseAt(file, text, match.index + match[0].length, 'jsonencode').document);
  }

  for (const match of text.matchAll(/<<-?([A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n/g)) {
    const bodyStart = match.index + match[0].length;
    const terminator = new RegExp(`^[ \\t]*${match[1]}[ \\t]*$`, 'm');
    const bodyEnd = text.slice(bodyStart).search(terminator);
    if (bodyEnd < 0)
      throw new Error(`${file}:${lineOf(text, match.index)}: heredoc ${match[1]} is never closed`);
    const body = text.slice(bodyStart, bodyStart + bodyEnd);
    // Only JSON bodies are documents; prose heredocs (descriptions) are not.
    if (!/^\s*[{[]/.test(body)) continue;
    const { document, end } = parseAt(file, text, bodyStart, 'heredoc');
    if (text.slice(end, bodyStart + bodyEnd).trim() !== '') {
      throw new Error(`${file}:${lineOf(text, end)}: unexpected text after the JSON in heredoc ${match[1]}`);
    }
    documents.push(document);
  }

  return documents.sort((a, b) => a.line - b.line);
}

function parseAt(
  file: string,
  text: string,
  offset: number,
  source: PolicyDocument['source'],
): { readonly document: PolicyDocument; readonly end: number } {
  const lineOffset = lineOf(text, offset) - 1;
  // Parse from the start of the line so the parser's line numbers are file-relative after the offset.
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const local = text.slice(lineStart);
  try {
    const syntax = source === 'jsonencode' ? 'hcl' : 'json';
    const parsed = parsePolicyLiteral(local, { start: offset - lineStart, syntax });
    const duplicates = parsed.duplicates.map((d) => ({
      ...d,
      line: d.line + lineOffset,
      firstLine: d.firstLine + lineOffset,
    }));
    return {
      document: { file, line: lineOffset + 1, source, value: parsed.value, duplicates },
      end: lineStart + parsed.end,
    };
  } catch (error) {
    if (error instanceof LiteralSyntaxError) {
      throw new Error(
        `${file}:${error.line + lineOffset}: cannot read the ${source} document: ${error.message}`,
        { cause: error },
      );
    }
    throw error;
  }
}

function isInLineComment(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /#|\/\//.test(text.slice(lineStart, offset).replace(/"(?:[^"\\]|\\.)*"/g, '""'));
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i += 1) if (text[i] === '\n') line += 1;
  return line;
}

/** One line per duplicate, for assertion messages. */
export function describeDuplicates(documents: readonly PolicyDocument[]): string[] {
  return documents.flatMap((document) =>
    document.duplicates.map(
      (d) =>
        `${document.file}:${d.line}: key ${JSON.stringify(d.key)} repeats in ${d.path} (first at line ${d.firstLine})`,
    ),
  );
}
