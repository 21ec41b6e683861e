/**
 * The GIT_ASKPASS helper: a tiny script that answers git's prompts from environment variables. It
 * holds no secret itself; the token reaches it only through the git child's environment.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ASKPASS_TOKEN_VARIABLE } from './git.ts';

const SCRIPT = `#!/bin/sh
# CodingWorker's GIT_ASKPASS helper. No secret here: git passes the prompt as $1 and the token
# arrives in the environment of the git process that asked.
case "$1" in
  [Uu]sername*) printf '%s\\n' 'x-access-token' ;;
  *) printf '%s\\n' "$${ASKPASS_TOKEN_VARIABLE}" ;;
esac
`;

/** Writes the script under dir (once; rewritten if changed) and returns its path. */
export async function ensureAskpassScript(dir: string): Promise<string> {
  const path = join(dir, 'git-askpass.sh');
  const current = await readFile(path, 'utf8').catch(() => null);
  if (current !== SCRIPT) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, SCRIPT, { mode: 0o700 });
    await chmod(temp, 0o700);
    await rename(temp, path);
  }
  return path;
}
