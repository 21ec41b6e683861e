/**
 * The agent's policy for one job. Writable: its worktree, the clone's git folder (a commit in the
 * worktree writes objects and refs there), the job folder and the agent cache. Read-only inside
 * those: the files that steer the worker's own git (the clone's config, hooks, attributes and
 * alternates, the worktree's `.git` entry and its links back to the clone), which integrity.ts
 * also checks after the run. Hidden: the user's secrets under both the user's HOME and the
 * worker's own, and the rest of the data folder (other jobs, other clones, the history). Network:
 * see allowed-hosts.ts.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { WorkerConfig } from '../../config/worker-config.ts';
import { allowedHostsFor } from './allowed-hosts.ts';
import { homeSecrets, type SandboxPolicy } from './policy.ts';

export interface AgentPolicyInput {
  readonly agent: WorkerConfig['agent'];
  readonly dataDir: string;
  readonly worktree: string;
  /** The clone's git folder (the worktree's common dir). */
  readonly cloneDir: string;
  /** The worktree's own git folder (<clone>/worktrees/<name>). */
  readonly worktreeGitDir: string;
  readonly jobDir: string;
  /** The persistent agent cache, when there is one. */
  readonly agentCache: string | null;
  readonly environment: Readonly<Record<string, string | undefined>>;
}

export function agentSandboxPolicy(input: AgentPolicyInput): SandboxPolicy {
  const homes = new Set(
    [homedir(), input.environment.HOME].filter((home): home is string => !!home?.startsWith('/')),
  );
  // Folders the user deliberately hands to the agent (Codex's login) stay readable.
  const handedOver = [input.environment.CODEX_HOME].filter((path): path is string => !!path?.startsWith('/'));
  const hidden = [...homes]
    .flatMap((home) => homeSecrets(home))
    .filter((path) => !handedOver.some((given) => inside(given, path) || inside(path, given)));
  return {
    writable: [input.worktree, input.cloneDir, input.jobDir, ...(input.agentCache ? [input.agentCache] : [])],
    readOnly: [
      join(input.cloneDir, 'config'),
      join(input.cloneDir, 'hooks'),
      join(input.cloneDir, 'info'),
      join(input.cloneDir, 'objects', 'info'),
      join(input.worktreeGitDir, 'config.worktree'),
      join(input.worktreeGitDir, 'commondir'),
      join(input.worktreeGitDir, 'gitdir'),
      join(input.worktree, '.git'),
    ],
    hidden: [...hidden, input.dataDir],
    allowedHosts: allowedHostsFor({ agent: input.agent, environment: input.environment }),
  };
}

function inside(path: string, folder: string): boolean {
  const a = resolve(path);
  const b = resolve(folder);
  return a === b || a.startsWith(`${b}/`);
}
