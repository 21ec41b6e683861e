/**
 * The bubblewrap command line for a policy (Linux). The whole host is mounted read-only, then
 * hidden paths are covered (a folder by an empty tmpfs, a file by /dev/null) and writable folders
 * bound back on top, deeper paths after shallower ones so "hide the data folder, but let this job
 * write its own folder in it" works. /tmp is private, /proc is the sandbox's own PID namespace
 * (no other process, so no other process's environment), capabilities are dropped (the worker
 * may run as root), and the namespace dies with the worker (--die-with-parent) and with the
 * command (bwrap is PID 1 inside: when the command ends, everything it started ends, setsid or
 * not).
 *
 * Network: a namespace with loopback only. When hosts are allowed, a fixed launcher script starts
 * socat inside to relay 127.0.0.1:3128 to the worker's proxy socket, waits until it listens, and
 * execs the command; the command's HTTP(S)_PROXY points there. Its arguments come after the
 * script as "$@" — nothing from a job is ever part of a shell string.
 */
import type { SandboxPolicy } from './policy.ts';

/** Where the proxy socket appears inside the sandbox, and the relay port on its loopback. */
export const INNER_PROXY_SOCKET = '/tmp/.codingworker-proxy.sock';
export const INNER_PROXY_PORT = 3128;

/** A hidden path and whether it is a folder (tmpfs) or a file (/dev/null over it). */
export interface HiddenPath {
  readonly path: string;
  readonly kind: 'dir' | 'file';
}

export interface BwrapCommand {
  readonly policy: Omit<SandboxPolicy, 'hidden'> & { readonly hidden: readonly HiddenPath[] };
  readonly cwd: string;
  readonly file: string;
  readonly args: readonly string[];
  /** Host paths of the proxy socket and of socat; null: no network at all. */
  readonly network: { readonly proxySocket: string; readonly socat: string } | null;
}

const LAUNCHER = [
  'sock=$1; socat=$2; shift 2',
  `"$socat" TCP-LISTEN:${INNER_PROXY_PORT},bind=127.0.0.1,fork,reuseaddr "UNIX-CONNECT:$sock" </dev/null >/dev/null 2>&1 &`,
  'i=0',
  `while ! grep -q '0100007F:${INNER_PROXY_PORT.toString(16).toUpperCase().padStart(4, '0')} 00000000:0000 0A' /proc/net/tcp 2>/dev/null; do`,
  '  i=$((i+1)); [ "$i" -gt 1500 ] && { echo "codingworker: the sandbox network relay did not start" >&2; exit 125; }',
  '  sleep 0.01',
  'done',
  'exec "$@"',
].join('\n');

export function bwrapArguments(command: BwrapCommand): string[] {
  const { policy, network } = command;
  const args = [
    '--die-with-parent',
    '--new-session',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup-try',
    '--unshare-net',
    '--cap-drop',
    'ALL',
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    '--proc',
    '/proc',
    '--tmpfs',
    '/tmp',
  ];
  type Mount = { depth: number; order: number; args: string[] };
  const mounts: Mount[] = [];
  for (const hidden of policy.hidden) {
    const mount = hidden.kind === 'dir' ? ['--tmpfs', hidden.path] : ['--ro-bind', '/dev/null', hidden.path];
    mounts.push({ depth: depth(hidden.path), order: 0, args: mount });
  }
  for (const path of policy.writable)
    mounts.push({ depth: depth(path), order: 1, args: ['--bind', path, path] });
  for (const path of policy.readOnly)
    mounts.push({ depth: depth(path), order: 2, args: ['--ro-bind', path, path] });
  mounts.sort((a, b) => a.depth - b.depth || a.order - b.order);
  for (const mount of mounts) args.push(...mount.args);
  if (network) args.push('--bind', network.proxySocket, INNER_PROXY_SOCKET);
  args.push('--chdir', command.cwd, '--');
  if (network)
    args.push('/bin/sh', '-c', LAUNCHER, 'codingworker-sandbox', INNER_PROXY_SOCKET, network.socat);
  args.push(command.file, ...command.args);
  return args;
}

function depth(path: string): number {
  return path.split('/').filter(Boolean).length;
}
