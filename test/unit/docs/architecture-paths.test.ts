// docs/ARCHITECTURE.md answers "where is X?" with file paths, and README lists the engine's folders:
// both go stale silently when files move, so every path the document names must exist and README's
// folder list must match the tree.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ENGINE = path.join(ROOT, 'src-main', 'engine');
const doc = readFileSync(path.join(ROOT, 'docs', 'ARCHITECTURE.md'), 'utf8');

/** Every token that looks like a file or folder path: `a/b.ts`, `worker/`, `bwrap-args.ts`. */
function namedPaths(text: string): string[] {
  const tokens = text.match(/[\w.-]+(?:\/[\w.-]+)*\/?/g) ?? [];
  return [
    ...new Set(tokens.filter((t) => /\.(?:ts|tsx|js|md)$/.test(t) || (t.endsWith('/') && t.length > 1))),
  ];
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

/** A path resolves from the repository root, from src-main/engine (the diagram's shorthand), or from docs/. */
function exists(token: string, engineFileNames: ReadonlySet<string>): boolean {
  // A bare file name ("bwrap-args.ts beside it") names a file in the engine, or README.md.
  if (!token.includes('/')) return engineFileNames.has(token) || existsSync(path.join(ROOT, token));
  return [ROOT, ENGINE, path.join(ROOT, 'docs')].some((base) => existsSync(path.join(base, token)));
}

describe('docs/ARCHITECTURE.md', () => {
  it('names only paths that exist', () => {
    const engineFileNames = new Set(allFiles(ENGINE));
    const paths = namedPaths(doc);
    expect(paths.length).toBeGreaterThan(40);
    const missing = paths.filter((token) => !exists(token, engineFileNames));
    expect(missing).toEqual([]);
  });

  it('answers the everyday questions, each with a file', () => {
    for (const question of [
      'What decides that the job failed?',
      'How does the UI get log lines?',
      'Where is the lease extended?',
      'How does pause stop ReceiveMessage?',
      'Where is the pull request body written?',
      'How is the agent sandboxed?',
      'How does a review round run?',
      'Where do checks run?',
      'Where are spend limits enforced?',
      'How are duplicates handled?',
      'What are the engine layers?',
    ]) {
      const row = doc.split('\n').find((line) => line.startsWith(`| ${question}`));
      expect(row, question).toBeDefined();
      expect(namedPaths(row!).length, question).toBeGreaterThan(0);
    }
  });

  it('lists every engine folder in its layer table, and no other', () => {
    const folders = readdirSync(ENGINE, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const table = doc.slice(doc.indexOf('## Engine folders'));
    const listed = [...table.matchAll(/`([\w-]+)\/`/g)].map((m) => m[1]!).sort();
    expect(listed).toEqual(folders);
  });
});

describe('README', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it('links to docs/ARCHITECTURE.md', () => {
    expect(readme).toContain('(docs/ARCHITECTURE.md)');
  });

  it('lists exactly the engine folders that exist', () => {
    const lines = readme.split('\n');
    const start = lines.findIndex((line) => line.startsWith('src-main/engine/ '));
    const block: string[] = [];
    for (let i = start + 1; lines[i]?.startsWith('                   '); i++) block.push(lines[i]!);
    const listed = block
      .join(' ')
      .replace(/\([^)]*\)/g, '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
      .sort();
    const folders = readdirSync(ENGINE, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(listed).toEqual(folders);
  });
});
