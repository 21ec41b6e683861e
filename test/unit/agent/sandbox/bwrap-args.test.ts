import { describe, expect, it } from 'vitest';
import { bwrapArguments, INNER_PROXY_SOCKET } from '../../../../src-main/engine/agent/sandbox/bwrap-args.ts';

const base = {
  policy: {
    writable: ['/data/jobs/j1', '/data/worktrees/j1'],
    readOnly: ['/data/worktrees/j1/.git'],
    hidden: [
      { path: '/data', kind: 'dir' as const },
      { path: '/home/u/.netrc', kind: 'file' as const },
    ],
    allowedHosts: ['api.openai.com:443'],
  },
  cwd: '/data/worktrees/j1',
  file: 'aider',
  args: ['--message-file', '/data/jobs/j1/prompt.md; rm -rf ~'],
  network: null,
};

/** The [flag, …operands] mounts in order, e.g. ['--bind', '/a', '/a']. */
function mounts(args: string[]): string[][] {
  const found: string[][] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--') break;
    if (args[i] === '--tmpfs') found.push(args.slice(i, i + 2));
    if (args[i] === '--bind' || args[i] === '--ro-bind') found.push(args.slice(i, i + 3));
  }
  return found;
}

describe('the bubblewrap command line', () => {
  it('binds the host read-only, then hides, then binds writable folders deeper than what hides them', () => {
    const args = bwrapArguments(base);
    expect(mounts(args)).toEqual([
      ['--ro-bind', '/', '/'],
      ['--tmpfs', '/tmp'],
      ['--tmpfs', '/data'],
      ['--ro-bind', '/dev/null', '/home/u/.netrc'],
      ['--bind', '/data/jobs/j1', '/data/jobs/j1'],
      ['--bind', '/data/worktrees/j1', '/data/worktrees/j1'],
      ['--ro-bind', '/data/worktrees/j1/.git', '/data/worktrees/j1/.git'],
    ]);
  });

  it('ties the sandbox to the worker and to the command, in its own PID namespace, without capabilities or network', () => {
    const args = bwrapArguments(base);
    for (const flag of ['--die-with-parent', '--unshare-pid', '--unshare-net', '--new-session', '--proc'])
      expect(args).toContain(flag);
    expect(args.slice(args.indexOf('--cap-drop'), args.indexOf('--cap-drop') + 2)).toEqual([
      '--cap-drop',
      'ALL',
    ]);
  });

  it('runs the command as given after "--", in its worktree, with no shell when there is no network', () => {
    const args = bwrapArguments(base);
    expect(args.slice(args.indexOf('--chdir'), args.indexOf('--chdir') + 2)).toEqual([
      '--chdir',
      '/data/worktrees/j1',
    ]);
    expect(args.slice(args.indexOf('--') + 1)).toEqual([
      'aider',
      '--message-file',
      '/data/jobs/j1/prompt.md; rm -rf ~',
    ]);
  });

  it('with network, binds the proxy socket in and passes everything to a fixed launcher as arguments', () => {
    const args = bwrapArguments({
      ...base,
      network: { proxySocket: '/tmp/cw-net-x/proxy.sock', socat: '/usr/bin/socat' },
    });
    expect(mounts(args)).toContainEqual(['--bind', '/tmp/cw-net-x/proxy.sock', INNER_PROXY_SOCKET]);
    const command = args.slice(args.indexOf('--') + 1);
    expect(command.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(command[2]).not.toContain('prompt.md');
    expect(command[2]).toContain('exec "$@"');
    expect(command.slice(3)).toEqual([
      'codingworker-sandbox',
      INNER_PROXY_SOCKET,
      '/usr/bin/socat',
      'aider',
      '--message-file',
      '/data/jobs/j1/prompt.md; rm -rf ~',
    ]);
  });
});
