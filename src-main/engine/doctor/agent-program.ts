/** The program a configured agent runs, and how to ask it for its version (for the doctor). */
import type { WorkerConfig } from '../config/worker-config.ts';

const PRESET_PROGRAMS: Record<string, string> = { aider: 'aider', 'claude-code': 'claude', codex: 'codex' };

export function agentProgram(agent: WorkerConfig['agent']): {
  program: string;
  versionArgs: readonly string[];
} {
  const program = agent.command?.[0] ?? PRESET_PROGRAMS[agent.preset] ?? 'aider';
  return { program, versionArgs: ['--version'] };
}
