/**
 * The GIT_ASKPASS helper: a tiny script that answers exactly two prompts — git's username and
 * password prompts for the configured server — and nothing else (a redirect to another host, or
 * any other question, gets no answer and the git call fails). It holds no secret: the token and
 * the expected prompts reach it only through the environment of the git process that asks.
 *
 * The script lives in a 0700 folder of its own under the data folder (not a job's folder, not a
 * worktree) and is rewritten before every network call, so a changed copy is never run.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitEnv } from './git.ts';

/** Variables that carry the token and the prompts to answer to the script (and nowhere else). */
export const ASKPASS_TOKEN_VARIABLE = 'CODINGWORKER_GIT_TOKEN';
const USERNAME_PROMPT_VARIABLE = 'CODINGWORKER_ASKPASS_USERNAME_PROMPT';
const PASSWORD_PROMPT_VARIABLE = 'CODINGWORKER_ASKPASS_PASSWORD_PROMPT';

/** The user name GitHub expects with a token over HTTPS. */
export const TOKEN_USERNAME = 'x-access-token';

export const ASKPASS_SCRIPT = `#!/bin/sh
# CodingWorker's GIT_ASKPASS helper. No secret here: git passes its prompt as $1, and the expected
# prompts and the token arrive in the environment of the git process that asked.
if [ -n "$${USERNAME_PROMPT_VARIABLE}" ] && [ "$1" = "$${USERNAME_PROMPT_VARIABLE}" ]; then
  printf '%s\\n' '${TOKEN_USERNAME}'
  exit 0
fi
if [ -n "$${PASSWORD_PROMPT_VARIABLE}" ] && [ "$1" = "$${PASSWORD_PROMPT_VARIABLE}" ]; then
  printf '%s\\n' "$${ASKPASS_TOKEN_VARIABLE}"
  exit 0
fi
exit 1
`;

/** The script's path in `dir`. */
export function askpassPath(dir: string): string {
  return join(dir, 'git-askpass.sh');
}

/** (Re)writes the script atomically, in a 0700 folder; returns its path. */
export async function writeAskpassScript(dir: string): Promise<string> {
  const path = askpassPath(dir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, ASKPASS_SCRIPT, { mode: 0o700 });
    await chmod(temp, 0o700);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return path;
}

/**
 * The prompts git shows for `serverUrl` ("Username for 'https://github.com': " and "Password for
 * 'https://x-access-token@github.com': "), or null when the server is not reached over HTTP(S).
 */
export function credentialPrompts(serverUrl: string): { username: string; password: string } | null {
  const match = /^(https?):\/\/([^/?#@\s]+)/i.exec(serverUrl);
  if (!match) return null;
  // git describes the server as the URL spells it: scheme, host and port, no path.
  const [, scheme, host] = match;
  return {
    username: `Username for '${scheme}://${host}': `,
    password: `Password for '${scheme}://${TOKEN_USERNAME}@${host}': `,
  };
}

/**
 * Extra environment for a verb that talks to the server: git asks the script, which answers only
 * the prompts for `serverUrl`. The token lives only in this child's environment.
 */
export function networkEnvironment(
  env: GitEnv,
  input: { readonly askpass: string; readonly token: string | null; readonly serverUrl: string },
): GitEnv {
  const prompts = credentialPrompts(input.serverUrl);
  if (!input.token || !prompts) return env;
  return {
    ...env,
    GIT_ASKPASS: input.askpass,
    [ASKPASS_TOKEN_VARIABLE]: input.token,
    [USERNAME_PROMPT_VARIABLE]: prompts.username,
    [PASSWORD_PROMPT_VARIABLE]: prompts.password,
  };
}
