/**
 * Turns StrykerJS's JSON report (reports/mutation/mutation.json, written by `npm run mutate`) into
 * reports/mutation.md: the score of each core decision module, and every mutant the tests did not
 * catch with the reason it may stay. Exits 1 when a module scores under the goal or a surviving
 * mutant has no explanation below: then either a test is missing or an explanation is.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { survivorNotes } from './mutation-notes.ts';

const GOAL = 90;
/** Stryker JSON reports; a later one replaces an earlier one's modules (a rerun of a few modules). */
const INPUTS = process.argv.length > 2 ? process.argv.slice(2) : ['reports/mutation/mutation.json'];
const OUTPUT = 'reports/mutation.md';

interface Position {
  readonly line: number;
  readonly column: number;
}
interface Mutant {
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: Position; readonly end: Position };
}
interface Report {
  readonly files: Record<string, { readonly source: string; readonly mutants: readonly Mutant[] }>;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** The mutated source text, on one line. */
function original(source: string, mutant: Mutant): string {
  const lines = source.split('\n');
  const { start, end } = mutant.location;
  const text =
    start.line === end.line
      ? lines[start.line - 1]!.slice(start.column - 1, end.column - 1)
      : [lines[start.line - 1]!.slice(start.column - 1), ...lines.slice(start.line, end.line)].join(' ');
  return text.replace(/\s+/g, ' ');
}

function cell(text: string, max = 70): string {
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return `\`${short.replace(/\|/g, '\\|').replace(/`/g, "'")}\``;
}

const report: Report = {
  files: Object.assign(
    {},
    ...INPUTS.map((input) => (JSON.parse(readFileSync(input, 'utf8')) as Report).files),
  ) as Report['files'],
};
const rows: string[] = [];
const survivors: string[] = [];
const problems: string[] = [];
let allDetected = 0;
let allCounted = 0;

for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) =>
  a.localeCompare(b),
)) {
  const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
  const undetected = mutants.filter((m) => UNDETECTED.has(m.status));
  const counted = detected + undetected.length;
  const score = counted === 0 ? 100 : (100 * detected) / counted;
  allDetected += detected;
  allCounted += counted;
  rows.push(`| ${file} | ${score.toFixed(2)} % | ${mutants.length} | ${detected} | ${undetected.length} |`);
  if (score < GOAL) problems.push(`${file} scores ${score.toFixed(2)} %, under the goal of ${GOAL} %`);
  for (const mutant of undetected) {
    const text = original(source, mutant);
    const note = survivorNotes.find(
      (n) => n.file === file && n.mutator === mutant.mutatorName && text.includes(n.original),
    );
    if (!note) problems.push(`${file}:${mutant.location.start.line} ${mutant.mutatorName} is not explained`);
    survivors.push(
      `| ${file}:${mutant.location.start.line} | ${mutant.mutatorName} | ${cell(text)} → ${cell(mutant.replacement ?? '')} | ${note ? `${note.kind}: ${note.why}` : '**not explained**'} |`,
    );
  }
}

const total = allCounted === 0 ? 100 : (100 * allDetected) / allCounted;
const sources = INPUTS.map((input) => '`' + input + '`').join(', ');
const markdown =
  `# Mutation testing of the core decision modules

Written by \`npm run mutate\` (StrykerJS with its Vitest runner, \`--concurrency 1\`; the tests it runs
are listed in vitest.mutate.config.ts) from ${sources}. Not part of \`npm test\`: it takes minutes. Goal: at least
${GOAL} % per module, and every mutant the tests do not catch explained below as equivalent (no test
could tell it apart) or harmless (the difference cannot reach a user).

Score = mutants the tests caught (killed or timed out) / all mutants that ran.

| module | score | mutants | caught | not caught |
|---|---|---|---|---|
${rows.join('\n')}
| **all** | **${total.toFixed(2)} %** | | ${allDetected} | ${allCounted - allDetected} |

## Mutants the tests do not catch, and why they may stay

| where | mutator | original → mutant | why |
|---|---|---|---|
${survivors.join('\n') || '| – | – | – | none |'}
${problems.length > 0 ? `\n## Problems\n\n${problems.map((p) => `- ${p}`).join('\n')}\n` : ''}`.trimEnd() +
  '\n';

writeFileSync(OUTPUT, markdown);
console.log(`${OUTPUT}: ${total.toFixed(2)} % over ${allCounted} mutants`);
for (const problem of problems) console.error(`mutation: ${problem}`);
process.exitCode = problems.length > 0 ? 1 : 0;
