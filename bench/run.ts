/**
 * `npm run bench`: every benchmark in one run on this machine — the consumer (P1, P3, P4), the
 * pipeline (P2, P5), the UI (P6), the real Aider's start (A1, A2), the checks step (P7) and the agent
 * sandbox's start (P10) — printed as one table and written to bench/results.json.
 * Goals are checked and reported, never tuned for: a missed goal is a finding.
 * `npm run bench -- consumer` runs only the named suites; the other suites' rows in results.json are
 * kept as they were (each row says its suite and when it was measured).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Bench, BenchResult } from './support/bench-result.ts';
import { describeError } from '../shared/describe-error.ts';

const suites: Record<string, () => Promise<{ run: Bench }>> = {
  consumer: () => import('./consumer.bench.ts'),
  pipeline: () => import('./pipeline.bench.ts'),
  ui: () => import('./ui.bench.ts'),
  agents: () => import('./agents.bench.ts'),
  checks: () => import('./checks.bench.ts'),
  sandbox: () => import('./sandbox.bench.ts'),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in suites));
if (unknown.length > 0) {
  console.error(`Unknown suite(s): ${unknown.join(', ')}. Suites: ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}
type StoredResult = BenchResult & { readonly suite?: string; readonly at?: string };
const results: StoredResult[] = [];
const ran: string[] = [];
for (const [name, load] of Object.entries(suites)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  ran.push(name);
  console.log(`\n=== ${name}`);
  const started = Date.now();
  const at = new Date().toISOString();
  try {
    results.push(...(await (await load()).run()).map((result) => ({ ...result, suite: name, at })));
  } catch (error) {
    results.push({
      suite: name,
      at,
      id: name,
      name: `${name} suite`,
      value: Number.NaN,
      unit: '',
      goal: null,
      pass: false,
      note: `failed to run: ${describeError(error)}`,
    });
  }
  console.log(`=== ${name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

const rows = results.map((r) => [
  r.id,
  r.name,
  Number.isFinite(r.value) ? `${round(r.value)} ${r.unit}`.trim() : '—',
  r.goal ?? '',
  r.pass === null ? '' : r.pass ? 'pass' : 'MISS',
  r.note ?? '',
]);
const header = ['id', 'measure', 'value', 'goal', 'result', 'note'];
const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((row) => row[i]!.length))));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!).slice(0, 60)).join('  ');
console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
for (const row of rows) console.log(line(row));

const missed = results.filter((r) => r.pass === false);
const file = join(import.meta.dirname, 'results.json');
// Rows of the suites not run this time stay; rows from before suites were recorded belong to
// whichever suite made their id, so they are replaced only by a full run.
const kept =
  wanted.length === 0 ? [] : previousResults(file).filter((r) => !r.suite || !ran.includes(r.suite));
writeFileSync(
  file,
  `${JSON.stringify(
    {
      at: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? null,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      results: [...kept, ...results],
    },
    null,
    2,
  )}\n`,
);
console.log(`\n${results.length} measures, ${missed.length} goal(s) missed. Written to ${file}.`);

function previousResults(path: string): StoredResult[] {
  if (!existsSync(path)) return [];
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { results?: StoredResult[] };
    return Array.isArray(parsed.results) ? parsed.results : [];
  } catch {
    return [];
  }
}

function round(value: number): string {
  return Math.abs(value) >= 100
    ? value.toFixed(0)
    : Math.abs(value) >= 10
      ? value.toFixed(1)
      : value.toFixed(2);
}
