/**
 * Where the contract tests find the real agents: Aider in the project's venv (.venv-agents, made
 * by scripts/install-agents.sh), Claude Code and Codex from node_modules (pinned devDependencies).
 * A missing tool fails the suite with the exact line that installs it — in CI and locally alike;
 * these tests are never skipped.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export const AGENT_TOOLS = {
  aider: {
    path: join(root, '.venv-agents', 'bin', 'aider'),
    install: 'scripts/install-agents.sh   # aider-chat from requirements-agents.txt into .venv-agents/',
  },
  'claude-code': {
    path: join(root, 'node_modules', '@anthropic-ai', 'claude-code', 'bin', 'claude.exe'),
    install: 'npm ci   # @anthropic-ai/claude-code is a pinned devDependency',
  },
  codex: {
    path: join(root, 'node_modules', '@openai', 'codex', 'bin', 'codex.js'),
    install: 'npm ci   # @openai/codex is a pinned devDependency',
  },
} as const;

export type ToolName = keyof typeof AGENT_TOOLS;

/** The tool's path; throws with the install line when it is missing. */
export function requireTool(name: ToolName): string {
  const tool = AGENT_TOOLS[name];
  if (!existsSync(tool.path)) {
    throw new Error(`${name} is not installed at ${tool.path}. Install it with:\n  ${tool.install}`);
  }
  return tool.path;
}
