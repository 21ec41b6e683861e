/**
 * The `codingworker` command in its own process against the local parts (fauxqs, the GitHub
 * fake, bare repositories), for tests that must see the real process: killed, restarted, or
 * attacked over its sockets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCAL_CREDENTIALS } from '../../src-main/engine/sandbox/local-sqs.ts';

const CLI = fileURLToPath(new URL('../../src-main/cli.ts', import.meta.url));

export interface CliWorker {
  readonly child: ChildProcess;
  output(): string;
}

export async function startCliWorker(input: {
  readonly command: 'run' | 'serve';
  readonly dataDir: string;
  readonly config: Record<string, unknown>;
  readonly sqsEndpoint: string;
  readonly token: string;
  readonly env?: Record<string, string>;
  readonly name?: string;
}): Promise<CliWorker> {
  const config = join(input.dataDir, `config-${input.name ?? input.command}.json`);
  await writeFile(config, JSON.stringify({ dataDir: input.dataDir, waitTimeSeconds: 1, ...input.config }));
  const child = spawn(process.execPath, [CLI, input.command, '--config', config], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: input.dataDir,
      GITHUB_TOKEN: input.token,
      AWS_ENDPOINT_URL_SQS: input.sqsEndpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      ...input.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

/** Host pids whose command line has all of `parts` as whole arguments (zombies excluded; Linux). */
export function processesWith(...parts: string[]): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const state = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.[0];
      if (state !== 'Z' && parts.every((part) => cmdline.includes(part))) found.push(Number(entry));
    } catch {
      // gone
    }
  }
  return found;
}

/** Polls `check` until it returns something truthy, or fails after `ms` naming `what`. */
export async function until<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  ms: number,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
