/**
 * Checks-before-push benchmark (issue #14):
 * - P7: what the checks step adds beyond the setup and check commands themselves — committing the
 *   agent's leftovers, the worktree guard's snapshot and check, putting the worktree back — in a
 *   real job (real git, the fixture agent, the GitHub fake), with near-instant commands. Median of
 *   a few jobs; the pipeline logs the figure for each job ("Checks step: N ms beyond …").
 *
 * Run alone: `node bench/checks.bench.ts` (Node 24).
 */
import { pathToFileURL } from 'node:url';
import { startHarness } from '../test/integration/pipeline/pipeline-harness.ts';
import type { Bench, BenchResult } from './support/bench-result.ts';
import { median, round } from './support/stats.ts';

const JOBS = 5;
const OVERHEAD = /^Checks step: (\d+) ms beyond the commands' own (\d+) ms$/;

export const run: Bench = async () => {
  const h = await startHarness();
  try {
    const pipeline = h.pipeline({
      config: {
        repositorySettings: {
          'octo-org/hello-world': {
            setupCommand: [process.execPath, '-e', ''],
            checkCommand: [process.execPath, '-e', 'console.log("ok")'],
          },
        },
      },
    });
    const overheads: number[] = [];
    const commands: number[] = [];
    for (let i = 0; i < JOBS; i++) {
      const run = await h.run(h.issue(7000 + i, 'edit-only'), { pipeline });
      if (run.result.kind !== 'success')
        throw new Error(`job ${i} did not succeed: ${JSON.stringify(run.result)}`);
      for (const line of run.lines) {
        const match = OVERHEAD.exec(line);
        if (match) {
          overheads.push(Number(match[1]));
          commands.push(Number(match[2]));
        }
      }
    }
    const result: BenchResult = {
      id: 'P7',
      name: 'checks step beyond its commands (median ms)',
      value: round(median(overheads), 0),
      unit: 'ms',
      goal: null,
      pass: null,
      note: `${overheads.length} jobs; the commands themselves took ${round(median(commands), 0)} ms (median)`,
    };
    console.log(`P7: ${result.value} ms beyond the commands (${result.note})`);
    return [result];
  } finally {
    await h.close();
  }
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
