/** The agent's per-job sandbox policy: what it may write, what stays read-only, what it cannot read. */
import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  agentSandboxPolicy,
  type AgentPolicyInput,
} from '../../../../src-main/engine/agent/sandbox/agent-policy.ts';

const input = (overrides: Partial<AgentPolicyInput> = {}): AgentPolicyInput => ({
  agent: {
    preset: 'aider',
    model: 'gpt-4o',
    extraArgs: [],
    command: null,
    allowedHosts: [],
  } as unknown as AgentPolicyInput['agent'],
  dataDir: '/data',
  worktree: '/data/worktrees/j1',
  cloneDir: '/data/clones/o-r.git',
  worktreeGitDir: '/data/clones/o-r.git/worktrees/j1',
  jobDir: '/data/jobs/j1',
  agentCache: '/data/agent-cache',
  environment: { HOME: '/home/worker' },
  ...overrides,
});

describe('the agent sandbox policy', () => {
  it('lets the agent write its worktree, the clone, its job folder and the agent cache', () => {
    expect(agentSandboxPolicy(input()).writable).toEqual([
      '/data/worktrees/j1',
      '/data/clones/o-r.git',
      '/data/jobs/j1',
      '/data/agent-cache',
    ]);
    expect(agentSandboxPolicy(input({ agentCache: null })).writable).toEqual([
      '/data/worktrees/j1',
      '/data/clones/o-r.git',
      '/data/jobs/j1',
    ]);
  });

  it('keeps the files that steer the worker’s own git read-only', () => {
    expect(agentSandboxPolicy(input()).readOnly).toEqual([
      '/data/clones/o-r.git/config',
      '/data/clones/o-r.git/hooks',
      '/data/clones/o-r.git/info',
      '/data/clones/o-r.git/objects/info',
      '/data/clones/o-r.git/worktrees/j1/config.worktree',
      '/data/clones/o-r.git/worktrees/j1/commondir',
      '/data/clones/o-r.git/worktrees/j1/gitdir',
      '/data/worktrees/j1/.git',
    ]);
  });

  it('hides the secrets under the worker’s HOME and the user’s, and the rest of the data folder', () => {
    const { hidden } = agentSandboxPolicy(input());
    expect(hidden).toContain('/home/worker/.ssh');
    expect(hidden).toContain('/home/worker/.codex');
    expect(hidden).toContain(`${homedir()}/.aws`);
    expect(hidden.at(-1)).toBe('/data');
    // Each home once, even when both name the same folder.
    const same = agentSandboxPolicy(input({ environment: { HOME: homedir() } })).hidden;
    expect(same.filter((path) => path === `${homedir()}/.ssh`)).toHaveLength(1);
  });

  it('ignores a HOME that is empty or not an absolute path', () => {
    for (const HOME of [undefined, '', 'relative/home']) {
      const { hidden } = agentSandboxPolicy(input({ environment: { HOME } }));
      expect(hidden.some((path) => path.startsWith('relative/'))).toBe(false);
      expect(hidden.filter((path) => path.endsWith('/.ssh'))).toEqual([`${homedir()}/.ssh`]);
    }
  });

  it('leaves readable the Codex login the user hands over with CODEX_HOME, and only that', () => {
    const own = agentSandboxPolicy(
      input({ environment: { HOME: '/home/worker', CODEX_HOME: '/home/worker/.codex' } }),
    );
    expect(own.hidden).not.toContain('/home/worker/.codex');
    expect(own.hidden).toContain('/home/worker/.claude');
    expect(own.hidden).toContain('/home/worker/.ssh');
    // A CODEX_HOME that holds secrets folders un-hides those inside it, not a sibling of the same prefix.
    const wide = agentSandboxPolicy(
      input({ environment: { HOME: '/home/worker', CODEX_HOME: '/home/worker/.config' } }),
    );
    expect(wide.hidden).not.toContain('/home/worker/.config/gh');
    expect(wide.hidden).toContain('/home/worker/.ssh');
    const prefix = agentSandboxPolicy(
      input({ environment: { HOME: '/home/worker', CODEX_HOME: '/home/worker/.cod' } }),
    );
    expect(prefix.hidden).toContain('/home/worker/.codex');
    const relative = agentSandboxPolicy(
      input({ environment: { HOME: '/home/worker', CODEX_HOME: '.codex' } }),
    );
    expect(relative.hidden).toContain('/home/worker/.codex');
    // A relative CODEX_HOME is ignored even when it would lead to the login folder.
    const climbing = agentSandboxPolicy(
      input({ environment: { HOME: '/home/worker', CODEX_HOME: `${'../'.repeat(40)}home/worker/.codex` } }),
    );
    expect(climbing.hidden).toContain('/home/worker/.codex');
  });

  it('allows the network hosts of the configured agent', () => {
    expect(agentSandboxPolicy(input()).allowedHosts).toContain('api.openai.com:443');
  });
});
