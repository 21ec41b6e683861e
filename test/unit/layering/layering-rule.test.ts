// Proves the layering rule in eslint.config.js is live: deliberately bad files, linted with the
// project's real config at the paths they would have, must fail; good ones must pass.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedRules(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('layering rule', () => {
  it.each([
    [
      'the engine imports electron',
      'src-main/engine/worker/bad.ts',
      "import { app } from 'electron';\nvoid app;\n",
    ],
    ['headless imports electron', 'src-main/headless/bad.ts', "import { app } from 'electron';\nvoid app;\n"],
    [
      'the engine imports the shell',
      'src-main/engine/bad.ts',
      "import { x } from '../electron/ipc.ts';\nvoid x;\n",
    ],
    ['shared imports electron', 'shared/bad.ts', "import { app } from 'electron';\nvoid app;\n"],
    [
      'shared imports a Node built-in',
      'shared/bad.ts',
      "import { readFileSync } from 'node:fs';\nvoid readFileSync;\n",
    ],
    ['shared imports a bare Node built-in', 'shared/bad.ts', "import path from 'path';\nvoid path;\n"],
    ['shared uses the DOM', 'shared/bad.ts', 'export const title = document.title;\n'],
    ['shared uses process', 'shared/bad.ts', 'export const home = process.env.HOME;\n'],
    [
      'the renderer imports Node',
      'src-renderer/bad.tsx',
      "import { spawn } from 'node:child_process';\nvoid spawn;\n",
    ],
    [
      'the renderer imports src-main',
      'src-renderer/app/bad.ts',
      "import { Redactor } from '../../src-main/engine/security/redact.ts';\nvoid Redactor;\n",
    ],
    ['the renderer uses process', 'src-renderer/bad.ts', 'export const env = process.env;\n'],
  ])('fails when %s', async (_what, filePath, code) => {
    expect(await restrictedRules(filePath, code)).not.toEqual([]);
  });

  it.each([
    [
      'the engine uses Node',
      'src-main/engine/ok.ts',
      "import { readFileSync } from 'node:fs';\nvoid readFileSync;\n",
    ],
    ['the shell imports electron', 'src-main/electron/ok.ts', "import { app } from 'electron';\nvoid app;\n"],
    [
      'the renderer imports shared',
      'src-renderer/ok.ts',
      "import { parseTaskMessage } from '../shared/task-message.ts';\nvoid parseTaskMessage;\n",
    ],
    ['shared imports zod', 'shared/ok.ts', "import { z } from 'zod';\nvoid z;\n"],
  ])('allows %s', async (_what, filePath, code) => {
    expect(await restrictedRules(filePath, code)).toEqual([]);
  });
});
