import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The agent tests' temp folder, outside /tmp: Codex's own sandbox cannot write in a worktree
 * under the system temp folder (it refuses to set up its helpers there), which a real data folder
 * never is. Made by test/agents/global-setup.ts.
 */
export const AGENTS_TMPDIR = join(import.meta.dirname, '.cache', 'agents-tmp');

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two cores: integration tests start real servers and subprocesses.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          // The real Aider, Claude Code and Codex against the local model API (test/agents).
          name: 'agents',
          include: ['test/agents/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/agents/global-setup.ts'],
          env: { TMPDIR: AGENTS_TMPDIR },
          testTimeout: 180_000,
          hookTimeout: 60_000,
          // Each test runs a real agent: one file at a time on a shared machine.
          fileParallelism: false,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
