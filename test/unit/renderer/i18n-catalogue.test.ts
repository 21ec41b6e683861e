// Every UI string comes from the catalogue, and the catalogue is complete in Japanese.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { en, ja, type MessageKey } from '../../../shared/i18n/ui-messages.ts';

const root = join(import.meta.dirname, '../../..');
const rendererDir = join(root, 'src-renderer');

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)[|}]/g)].map((m) => m[1]).sort();
const pluralForms = (text: string) => [...text.matchAll(/\{\w+\|([^|}]*)\|([^}]*)\}/g)].length;

describe('message catalogue', () => {
  const keys = Object.keys(en) as MessageKey[];

  it('has every English key in Japanese, and no extra ones', () => {
    expect(Object.keys(ja).sort()).toEqual([...keys].sort());
  });

  it.each(keys)('%s has the same placeholders in Japanese', (key) => {
    expect(placeholders(ja[key])).toEqual(placeholders(en[key]));
    expect(pluralForms(ja[key])).toBe(pluralForms(en[key]));
    expect(ja[key].trim()).not.toBe('');
  });

  it('is actually translated: most Japanese messages differ from English', () => {
    const same = keys.filter((key) => ja[key] === en[key]);
    // Names (CodingWorker, Aider, DLQ, OK…) stay as they are; sentences must not.
    for (const key of same) expect(en[key], key).not.toMatch(/\s\S+\s/);
    expect(same.length).toBeLessThan(keys.length / 10);
  });

  it('uses every key somewhere in the UI (no dead messages)', () => {
    const sources = tsxAndTs(rendererDir)
      .filter((file) => !file.endsWith('messages.ts'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const dynamicPrefixes = [...sources.matchAll(/t\(\s*`([a-z.-]+)\.\$\{/g)].map((m) => `${m[1]}.`);
    const unused = keys.filter(
      (key) => !sources.includes(`'${key}'`) && !dynamicPrefixes.some((p) => key.startsWith(p)),
    );
    expect(unused).toEqual([]);
  });
});

/** Attributes that people read (or hear): they must come from t(). */
const TEXT_ATTRIBUTES = new Set([
  'title',
  'aria-label',
  'aria-description',
  'placeholder',
  'alt',
  'label',
  'aria-valuetext',
]);

/** Text that is not language: punctuation, symbols, numbers and spacing. */
const NOT_LANGUAGE = /^[\s\p{P}\p{S}\p{N}]*$/u;

function tsxAndTs(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(tsx?|ts)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Hard-coded text in a TSX file: JSX text, string literals as JSX children, and text attributes. */
function hardCodedStrings(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const found: string[] = [];
  const where = (node: ts.Node) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    return `${relative(root, file)}:${line + 1}`;
  };
  const isText = (text: string) => !NOT_LANGUAGE.test(text);
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && isText(node.text)) found.push(`${where(node)} text "${node.text.trim()}"`);
    if (ts.isJsxExpression(node) && node.expression && ts.isJsxElement(node.parent)) {
      const e = node.expression;
      if ((ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && isText(e.text)) {
        found.push(`${where(node)} child {"${e.text}"}`);
      }
    }
    if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText(source))) {
      const init = node.initializer;
      const literal =
        init && ts.isStringLiteral(init)
          ? init
          : init && ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)
            ? init.expression
            : null;
      if (literal && isText(literal.text))
        found.push(`${where(node)} ${node.name.getText(source)}="${literal.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('no hard-coded UI text', () => {
  const files = tsxAndTs(rendererDir).filter((file) => file.endsWith('.tsx'));

  it('finds the TSX files to scan', () => {
    expect(files.length).toBeGreaterThan(15);
  });

  it('catches hard-coded text (self-test on a bad sample)', () => {
    const sample = join(root, 'test/unit/renderer/fixtures/hard-coded.tsx.txt');
    expect(hardCodedStrings(sample)).toEqual([
      'test/unit/renderer/fixtures/hard-coded.tsx.txt:4 text "Pause"',
      'test/unit/renderer/fixtures/hard-coded.tsx.txt:5 title="Click to pause"',
      'test/unit/renderer/fixtures/hard-coded.tsx.txt:6 aria-label="Search"',
      'test/unit/renderer/fixtures/hard-coded.tsx.txt:7 placeholder="Type here"',
      'test/unit/renderer/fixtures/hard-coded.tsx.txt:8 child {"Resume"}',
    ]);
  });

  it.each(files.map((file) => [relative(root, file), file]))('%s has no hard-coded text', (_name, file) => {
    expect(hardCodedStrings(file)).toEqual([]);
  });
});
