/**
 * Before any agent contract test: every real agent must be installed. A missing one fails the
 * whole `agents` step at once with the lines that install it (never a skip, in CI or locally).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { AGENTS_TMPDIR } from '../../vitest.config.ts';
import { AGENT_TOOLS } from './agent-tools.ts';

export default function setup(): void {
  mkdirSync(AGENTS_TMPDIR, { recursive: true });
  const missing = Object.entries(AGENT_TOOLS).filter(([, tool]) => !existsSync(tool.path));
  if (missing.length === 0) return;
  const lines = missing.map(([name, tool]) => `  ${name}: ${tool.install}`).join('\n');
  throw new Error(`The agent contract tests need the real agents. Missing:\n${lines}`);
}
