/**
 * The bubblewrap command line in full: every namespace and mount flag in order, the mount order for
 * paths at the same depth, and the network launcher script word for word (its port check reads
 * /proc/net/tcp, where 127.0.0.1:3128 listening is "0100007F:0C38 00000000:0000 0A").
 */
import { describe, expect, it } from 'vitest';
import {
  bwrapArguments,
  INNER_PROXY_PORT,
  INNER_PROXY_SOCKET,
} from '../../../../src-main/engine/agent/sandbox/bwrap-args.ts';

const PREFIX = [
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

const LAUNCHER = `sock=$1; socat=$2; shift 2
"$socat" TCP-LISTEN:3128,bind=127.0.0.1,fork,reuseaddr "UNIX-CONNECT:$sock" </dev/null >/dev/null 2>&1 &
i=0
while ! grep -q '0100007F:0C38 00000000:0000 0A' /proc/net/tcp 2>/dev/null; do
  i=$((i+1)); [ "$i" -gt 1500 ] && { echo "codingworker: the sandbox network relay did not start" >&2; exit 125; }
  sleep 0.01
done
exec "$@"`;

describe('the bubblewrap command line, in full', () => {
  it('without network: the namespaces, the mounts by depth (hide, then write, then read-only at one depth)', () => {
    const args = bwrapArguments({
      policy: {
        writable: ['/b/w', '/a'],
        readOnly: ['/b/r', '/c/d/e'],
        hidden: [
          { path: '/b/h', kind: 'dir' },
          { path: '/z', kind: 'file' },
        ],
        allowedHosts: [],
      },
      cwd: '/a',
      file: 'agent',
      args: ['--x'],
      network: null,
    });
    expect(args).toEqual([
      ...PREFIX,
      '--ro-bind',
      '/dev/null',
      '/z',
      '--bind',
      '/a',
      '/a',
      '--tmpfs',
      '/b/h',
      '--bind',
      '/b/w',
      '/b/w',
      '--ro-bind',
      '/b/r',
      '/b/r',
      '--ro-bind',
      '/c/d/e',
      '/c/d/e',
      '--chdir',
      '/a',
      '--',
      'agent',
      '--x',
    ]);
  });

  it('counts depth by path parts, ignoring doubled and trailing slashes', () => {
    const args = bwrapArguments({
      policy: {
        writable: ['/a//b/'],
        readOnly: [],
        hidden: [{ path: '/c/d/e', kind: 'dir' }],
        allowedHosts: [],
      },
      cwd: '/',
      file: 'agent',
      args: [],
      network: null,
    });
    expect(args.slice(PREFIX.length, PREFIX.length + 5)).toEqual([
      '--bind',
      '/a//b/',
      '/a//b/',
      '--tmpfs',
      '/c/d/e',
    ]);
  });

  it('with network: the proxy socket, then the launcher word for word with its arguments', () => {
    expect(INNER_PROXY_PORT).toBe(3128);
    const args = bwrapArguments({
      policy: { writable: [], readOnly: [], hidden: [], allowedHosts: ['x:443'] },
      cwd: '/w',
      file: 'agent',
      args: ['a b'],
      network: { proxySocket: '/run/p.sock', socat: '/usr/bin/socat' },
    });
    expect(args).toEqual([
      ...PREFIX,
      '--bind',
      '/run/p.sock',
      INNER_PROXY_SOCKET,
      '--chdir',
      '/w',
      '--',
      '/bin/sh',
      '-c',
      LAUNCHER,
      'codingworker-sandbox',
      '/tmp/.codingworker-proxy.sock',
      '/usr/bin/socat',
      'agent',
      'a b',
    ]);
  });
});
