// Proves the engine's internal layer rule (scripts/eslint-engine-layers.js, enabled in eslint.config.js)
// is live: imports that point up, sideways inside a layer, or out to the shells must fail when linted
// with the project's real config at the paths they would have; downward ones must pass.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ENGINE_LAYERS } from '../../../scripts/eslint-engine-layers.js';

const eslint = new ESLint({ cwd: process.cwd() });

async function layerProblems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'codingworker/engine-layers').map((m) => m.message);
}

const importing = (specifier: string): string => `import { x } from '${specifier}';\nvoid x;\n`;

describe('engine layer rule', () => {
  it.each([
    ['queue/ imports worker/ (a higher layer)', 'src-main/engine/queue/bad.ts', '../worker/worker.ts'],
    ['workspace/ imports agent/', 'src-main/engine/workspace/bad.ts', '../agent/run-agent.ts'],
    ['ports/ imports config/', 'src-main/engine/ports/bad.ts', '../config/worker-config.ts'],
    ['worker/ imports pipeline/ (same layer)', 'src-main/engine/worker/bad.ts', '../pipeline/pipeline.ts'],
    ['pipeline/ imports app/', 'src-main/engine/pipeline/bad.ts', '../app/worker-app.ts'],
    ['a nested folder imports up', 'src-main/engine/agent/sandbox/bad.ts', '../../sandbox/start-sandbox.ts'],
    ['the engine imports headless/', 'src-main/engine/app/bad.ts', '../../headless/headless-server.ts'],
    ['the engine imports cli/', 'src-main/engine/sandbox/bad.ts', '../../cli/options.ts'],
    ['the engine imports cli.ts', 'src-main/engine/sandbox/bad.ts', '../../cli.ts'],
    ['an unplaced folder imports the engine', 'src-main/engine/newfolder/bad.ts', '../ports/clock.ts'],
  ])('fails when %s', async (_what, filePath, specifier) => {
    expect(await layerProblems(filePath, importing(specifier))).toHaveLength(1);
  });

  it('fails on re-exports and dynamic imports too', async () => {
    const code =
      "export { x } from '../worker/worker.ts';\nexport const y = import('../app/worker-app.ts');\n";
    expect(await layerProblems('src-main/engine/queue/bad.ts', code)).toHaveLength(2);
  });

  it('names both folders and the layer list in its message', async () => {
    const [message] = await layerProblems('src-main/engine/queue/bad.ts', importing('../worker/worker.ts'));
    expect(message).toContain('engine/queue/ must not import engine/worker/');
    expect(message).toContain('ENGINE_LAYERS');
  });

  it.each([
    ['worker/ imports queue/ (lower)', 'src-main/engine/worker/ok.ts', '../queue/delete-message.ts'],
    ['pipeline/ imports agent/', 'src-main/engine/pipeline/ok.ts', '../agent/run-agent.ts'],
    ['app/ imports worker/ and pipeline/', 'src-main/engine/app/ok.ts', '../worker/worker.ts'],
    ['a folder imports itself', 'src-main/engine/queue/ok.ts', './sqs-errors.ts'],
    ['a nested folder imports its parent', 'src-main/engine/agent/sandbox/ok.ts', '../run-agent.ts'],
    ['the agent imports its own nested sandbox', 'src-main/engine/agent/ok.ts', './sandbox/policy.ts'],
    ['the engine imports shared/', 'src-main/engine/ports/ok.ts', '../../../shared/job-record.ts'],
    ['the shell imports the engine', 'src-main/headless/ok.ts', '../engine/app/worker-app.ts'],
  ])('allows %s', async (_what, filePath, specifier) => {
    expect(await layerProblems(filePath, importing(specifier))).toEqual([]);
  });

  it('places every engine folder in exactly one layer', () => {
    const folders = ENGINE_LAYERS.flat();
    expect(new Set(folders).size).toBe(folders.length);
  });
});
