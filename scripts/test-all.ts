/**
 * `npm test`: everything CI checks, in order — lint, format, typecheck, the production build of all
 * three bundles, unit, integration, the real agents (test/agents), then end-to-end in Chromium (and
 * Electron where a binary exists).
 * Each runner prints its own summary; the last line adds up every test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const reports = join(root, '.cache', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

// Every tool runs under this Node (>= 22), found first on PATH by their `#!/usr/bin/env node`.
const env = {
  ...process.env,
  PATH: [join(root, 'node_modules', '.bin'), join(process.execPath, '..'), process.env.PATH].join(delimiter),
  FORCE_COLOR: process.env.CI ? '0' : (process.env.FORCE_COLOR ?? '1'),
};

const steps: Array<[string, string[]]> = [
  ['lint', ['eslint', '.']],
  ['format', ['prettier', '--check', '.']],
  ['typecheck', ['npm', 'run', '--silent', 'typecheck']],
  // Built before the tests: a unit test checks the CSP of the built page, and e2e serves it.
  ['build', ['electron-vite', 'build']],
  ['unit', vitest('unit')],
  ['integration', vitest('integration')],
  // The real Aider, Claude Code and Codex through the pipeline (needs scripts/install-agents.sh).
  ['agents', vitest('agents')],
  ['e2e', ['playwright', 'test']],
];

const only = process.argv.slice(2);
const started = Date.now();
for (const [name, [command, ...args]] of steps) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n=== ${name}: ${[command, ...args].join(' ')}`);
  const stepStart = Date.now();
  const result = spawnSync(command!, args, { cwd: root, env, stdio: 'inherit' });
  console.log(
    `=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - stepStart) / 1000).toFixed(1)} s`,
  );
  if (result.status !== 0) {
    printTotals();
    process.exit(result.status ?? 1);
  }
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
printTotals();

function vitest(project: string): string[] {
  return [
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(reports, `vitest-${project}.json`)}`,
  ];
}

/** One closing line over every runner: "tests: N passed, N failed, N skipped". */
function printTotals(): void {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const project of ['unit', 'integration', 'agents']) {
    const report = readJson(join(reports, `vitest-${project}.json`)) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
    } | null;
    if (!report) continue;
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
  }
  const e2e = readJson(join(reports, 'e2e.json')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  } | null;
  if (e2e) {
    passed += e2e.stats.expected + e2e.stats.flaky;
    failed += e2e.stats.unexpected;
    skipped += e2e.stats.skipped;
  }
  console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}

function readJson(path: string): unknown {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}
