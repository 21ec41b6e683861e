/**
 * Which OS sandbox this machine has: bubblewrap (with socat for the network relay) on Linux,
 * Seatbelt (`sandbox-exec`) on macOS. bubblewrap is also tried once, since a kernel or container
 * can forbid the namespaces it needs. Never throws: what is missing is the `reason`.
 */
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { ConfinementView } from '../../../../shared/snapshot.ts';

export type SandboxSupport =
  | { readonly kind: 'bubblewrap'; readonly bwrap: string; readonly socat: string }
  | { readonly kind: 'seatbelt'; readonly sandboxExec: string }
  | { readonly kind: 'none'; readonly reason: string };

/** What each job log, the status line and doctor say when there is no sandbox. */
export const UNCONFINED_NOTICE = 'the agent runs unconfined';

export async function detectSandbox(
  platform: NodeJS.Platform = process.platform,
  path: string | undefined = process.env.PATH,
): Promise<SandboxSupport> {
  if (platform === 'darwin') {
    const sandboxExec = '/usr/bin/sandbox-exec';
    return (await executable(sandboxExec))
      ? { kind: 'seatbelt', sandboxExec }
      : { kind: 'none', reason: 'sandbox-exec was not found' };
  }
  if (platform !== 'linux') return { kind: 'none', reason: `no sandbox is supported on ${platform}` };
  const bwrap = await findProgram('bwrap', path);
  if (!bwrap)
    return { kind: 'none', reason: 'bubblewrap (bwrap) is not installed: apt-get install bubblewrap' };
  const socat = await findProgram('socat', path);
  if (!socat)
    return {
      kind: 'none',
      reason: 'socat is not installed (the sandbox network relay needs it): apt-get install socat',
    };
  const probe = await tryBwrap(bwrap);
  return probe === null ? { kind: 'bubblewrap', bwrap, socat } : { kind: 'none', reason: probe };
}

/** Detects once, on first use, and remembers the answer. */
export function sandboxDetector(): () => Promise<SandboxSupport> {
  let found: Promise<SandboxSupport> | null = null;
  return () => (found ??= detectSandbox());
}

/** One-line description for doctor, status and logs. */
export function describeSandbox(support: SandboxSupport): string {
  switch (support.kind) {
    case 'bubblewrap':
      return `the agent runs in bubblewrap (${support.bwrap})`;
    case 'seatbelt':
      return 'the agent runs in Seatbelt (sandbox-exec)';
    case 'none':
      return `${UNCONFINED_NOTICE}: ${support.reason}`;
  }
}

async function findProgram(name: string, path: string | undefined): Promise<string | null> {
  for (const folder of (path ?? '/usr/bin:/bin').split(delimiter)) {
    if (!folder.startsWith('/')) continue;
    const candidate = join(folder, name);
    if (await executable(candidate)) return candidate;
  }
  return null;
}

async function executable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

function tryBwrap(bwrap: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      bwrap,
      [
        '--die-with-parent',
        '--unshare-pid',
        '--unshare-net',
        '--ro-bind',
        '/',
        '/',
        '--proc',
        '/proc',
        '--',
        'true',
      ],
      { timeout: 10_000, env: { PATH: '/usr/bin:/bin' } },
      (error, _stdout, stderr) => {
        if (!error) resolve(null);
        else
          resolve(`bubblewrap cannot create its namespaces here: ${String(stderr).trim() || error.message}`);
      },
    );
  });
}

/** The status line for a worker with this `agent.sandbox` setting: which sandbox, or "unconfined". */
export async function agentSandboxStatus(
  mode: 'auto' | 'required' | 'off' | undefined,
  detect: () => Promise<SandboxSupport> = () => detectSandbox(),
): Promise<string> {
  if (mode === 'off') return `${UNCONFINED_NOTICE} (agent.sandbox is "off")`;
  const support = await detect();
  if (support.kind === 'none' && mode === 'required')
    return `no job will run: agent.sandbox is "required" and ${describeSandbox(support)}`;
  return describeSandbox(support);
}

/** The same answer as a value for the state snapshot (status header, tray), found once at start. */
export async function agentConfinementView(
  mode: 'auto' | 'required' | 'off' | undefined,
  detect: () => Promise<SandboxSupport> = () => detectSandbox(),
): Promise<ConfinementView> {
  if (mode === 'off') return { kind: 'unconfined', reason: 'agent.sandbox is "off"' };
  const support = await detect();
  if (support.kind === 'bubblewrap') return { kind: 'confined', by: 'bubblewrap' };
  if (support.kind === 'seatbelt') return { kind: 'confined', by: 'seatbelt' };
  return mode === 'required'
    ? { kind: 'refused', reason: support.reason }
    : { kind: 'unconfined', reason: support.reason };
}
