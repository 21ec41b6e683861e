/**
 * Decides how a job's agent is confined: the OS sandbox with this job's policy, or — when the
 * machine has none or `agent.sandbox` is 'off' — unconfined, said plainly in the job log. With
 * `agent.sandbox: 'required'` and no sandbox the job is refused (retried later with the reason)
 * before the agent starts — a second line: the app holds the worker before it receives anything
 * (app/sandbox-hold.ts).
 */
import { mkdir } from 'node:fs/promises';
import { agentCacheDir } from '../agent/agent-cache.ts';
import type { AgentConfinement } from '../agent/run-agent.ts';
import { agentSandboxPolicy } from '../agent/sandbox/agent-policy.ts';
import { describeSandbox, UNCONFINED_NOTICE } from '../agent/sandbox/detect.ts';
import type { Worktree } from '../workspace/workspaces.ts';
import { JobFailure } from './job-failure.ts';
import type { JobScope } from './job-scope.ts';

export async function agentConfinement(
  scope: JobScope,
  worktree: Worktree,
): Promise<AgentConfinement | undefined> {
  const { config, environment } = scope.deps;
  const mode = config.agent.sandbox ?? 'auto';
  if (mode === 'off') {
    scope.log(`Sandbox: ${UNCONFINED_NOTICE} (agent.sandbox is "off")`);
    return undefined;
  }
  const support = await scope.deps.sandbox();
  if (support.kind === 'none') {
    if (mode === 'required')
      throw new JobFailure(
        'retry',
        `agent.sandbox is "required" but this machine has no usable sandbox (${support.reason}); the agent was not started`,
      );
    scope.log(`Sandbox: ${describeSandbox(support)}`);
    return undefined;
  }
  const agentCache = agentCacheDir(config.dataDir);
  await mkdir(agentCache, { recursive: true, mode: 0o700 });
  const policy = agentSandboxPolicy({
    agent: config.agent,
    dataDir: config.dataDir,
    worktree: worktree.path,
    cloneDir: worktree.cloneDir,
    worktreeGitDir: worktree.entry.gitDir,
    jobDir: scope.jobDir,
    agentCache,
    environment,
  });
  const hosts = policy.allowedHosts.length > 0 ? policy.allowedHosts.join(', ') : 'none';
  scope.log(`Sandbox: ${describeSandbox(support)}; network allowed to ${hosts}`);
  return {
    support,
    policy,
    onRefused: (destination) => scope.log(`Sandbox refused a connection to ${destination}`),
  };
}
