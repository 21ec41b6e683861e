/**
 * Wraps any command so it runs in the OS sandbox under a policy: `confine()` returns the program
 * and arguments to start instead, the environment to give it (HTTP(S)_PROXY pointing at the
 * worker's allowlisting proxy, a private TMPDIR), and `cleanup()` for when it has ended. Used for
 * the agent and for any other command that must run with the agent's rights in a worktree.
 * Without a sandbox the command comes back unchanged (`confinement: 'none'`).
 *
 * Fails (rejects) when a writable folder does not exist or the proxy cannot listen.
 */
import { lstat, mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bwrapArguments, INNER_PROXY_PORT, type HiddenPath } from './bwrap-args.ts';
import type { SandboxSupport } from './detect.ts';
import { startNetworkProxy, type NetworkProxy } from './network-proxy.ts';
import type { SandboxPolicy } from './policy.ts';
import { seatbeltProfile } from './seatbelt-profile.ts';

export interface CommandToConfine {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
}

export interface ConfinedCommand {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly confinement: SandboxSupport['kind'];
  /** Stops the proxy and removes its files; safe to call twice. */
  cleanup(): Promise<void>;
}

export interface ConfineOptions {
  /** Told about each destination the proxy refused ("host:port"). */
  readonly onRefused?: (destination: string) => void;
  /** The command's private temporary folder (must be writable by the policy). */
  readonly tmpDir?: string;
}

const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'];
const DROPPED_VARIABLES = ['NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];

export async function confine(
  command: CommandToConfine,
  policy: SandboxPolicy,
  support: SandboxSupport,
  options: ConfineOptions = {},
): Promise<ConfinedCommand> {
  if (support.kind === 'none') return { ...command, confinement: 'none', cleanup: () => Promise.resolve() };
  const writable = await Promise.all(policy.writable.map((path) => realpath(path)));
  const readOnly = await existing(policy.readOnly);
  const hidden = await hiddenPaths(policy.hidden);
  const cwd = await realpath(command.cwd);
  const env: Record<string, string> = { ...command.env };
  for (const name of DROPPED_VARIABLES) delete env[name];
  if (options.tmpDir) {
    await mkdir(options.tmpDir, { recursive: true, mode: 0o700 });
    env.TMPDIR = options.tmpDir;
  }
  const wantsNetwork = policy.allowedHosts.length > 0;
  let proxy: NetworkProxy | null = null;
  let socketDir: string | null = null;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await proxy?.close();
    if (socketDir) await rm(socketDir, { recursive: true, force: true });
  };
  try {
    if (support.kind === 'bubblewrap') {
      if (wantsNetwork) {
        // A short path of its own (unix socket paths are limited to ~100 bytes), 0700.
        socketDir = await mkdtemp(join(tmpdir(), 'cw-net-'));
        const proxySocket = join(socketDir, 'proxy.sock');
        proxy = await startNetworkProxy({
          allowedHosts: policy.allowedHosts,
          socketPath: proxySocket,
          onRefused: options.onRefused,
        });
        setProxy(env, `http://127.0.0.1:${INNER_PROXY_PORT}`);
        const args = bwrapArguments({
          policy: { ...policy, writable, readOnly, hidden },
          cwd,
          file: command.file,
          args: command.args,
          network: { proxySocket, socat: support.socat },
        });
        return { file: support.bwrap, args, env, confinement: 'bubblewrap', cleanup };
      }
      const args = bwrapArguments({
        policy: { ...policy, writable, readOnly, hidden },
        cwd,
        file: command.file,
        args: command.args,
        network: null,
      });
      return { file: support.bwrap, args, env, confinement: 'bubblewrap', cleanup };
    }
    if (wantsNetwork) {
      proxy = await startNetworkProxy({ allowedHosts: policy.allowedHosts, onRefused: options.onRefused });
      setProxy(env, `http://127.0.0.1:${proxy.port}`);
    }
    const profile = seatbeltProfile({
      policy: { ...policy, writable, readOnly, hidden },
      proxyPort: proxy?.port ?? null,
    });
    return {
      file: support.sandboxExec,
      args: ['-p', profile, command.file, ...command.args],
      env,
      confinement: 'seatbelt',
      cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function setProxy(env: Record<string, string>, url: string): void {
  for (const name of PROXY_VARIABLES) env[name] = url;
}

async function existing(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    const real = await realpath(path).catch(() => null);
    if (real) found.push(real);
  }
  return found;
}

/** Hidden paths that exist, resolved (a mount over a symlink would follow it anyway). */
async function hiddenPaths(paths: readonly string[]): Promise<HiddenPath[]> {
  const found = new Map<string, HiddenPath>();
  for (const path of paths) {
    const real = await realpath(path).catch(() => null);
    if (!real) continue;
    const info = await lstat(real).catch(() => null);
    if (!info) continue;
    if (info.isDirectory()) found.set(real, { path: real, kind: 'dir' });
    else if (info.isFile()) found.set(real, { path: real, kind: 'file' });
  }
  return [...found.values()];
}
