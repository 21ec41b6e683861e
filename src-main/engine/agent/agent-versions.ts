/**
 * The oldest version of each agent the worker supports: the versions its contract tests run
 * (test/agents, pinned in package.json and requirements-agents.txt). Older ones lack flags or
 * output events the worker relies on — an Aider before 0.64 exits 2 on the worker's flags; Claude
 * Code before 2.1 prints no api_retry events; Codex's `exec --json` events changed shape in 0.4x.
 */
import type { WorkerConfig } from '../config/worker-config.ts';

type Preset = Exclude<WorkerConfig['agent']['preset'], 'custom'>;

export const MINIMUM_AGENT_VERSIONS: Readonly<Record<Preset, string>> = {
  aider: '0.86.0',
  'claude-code': '2.1.0',
  codex: '0.171.0',
};

/** How a user installs each agent (README, doctor, the `agents` test step). */
export const AGENT_INSTALL_HINTS: Readonly<Record<Preset, string>> = {
  aider: 'pipx install aider-chat (or: uv tool install aider-chat)',
  'claude-code': 'npm install -g @anthropic-ai/claude-code',
  codex: 'npm install -g @openai/codex',
};

/** The first x.y.z in a `--version` line ("aider 0.86.2", "2.1.337 (Claude Code)", "codex-cli 0.171.0"). */
export function parseVersion(text: string): string | null {
  return /(\d+)\.(\d+)\.(\d+)/.exec(text)?.[0] ?? null;
}

/** -1, 0 or 1, comparing dotted numbers. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
