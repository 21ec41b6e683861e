/**
 * Runs a producer script the way the workflow does: `bash <script> <args...>`, as an argument
 * array with an explicit environment. Never through a shell string, so the test itself cannot
 * be the thing that evaluates a hostile payload.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const SCRIPTS_DIR = fileURLToPath(new URL('../../../../.github/scripts', import.meta.url));
export const MESSAGES_DIR = fileURLToPath(new URL('../../../fixtures/messages', import.meta.url));

export interface ScriptResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runScript(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      [`${SCRIPTS_DIR}/${script}`, ...args],
      { env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

/** Only what the scripts need from the outside: tools on PATH. No AWS, no GitHub variables. */
export function minimalEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'], HOME: process.env['HOME'], ...extra };
}
