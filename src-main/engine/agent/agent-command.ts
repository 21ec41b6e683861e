/**
 * The agent's command line for each preset, as an argument array. Aider gets every setting that
 * matters as a flag (flags win over a repository's .aider.conf.yml), its history files in the job
 * folder, and the prompt from a file; Claude Code and Codex get their non-interactive modes.
 *
 * Claude Code in print mode (-p) skips the workspace-trust dialog, so it would load the
 * repository's own .claude/settings*.json (hooks, permissions, an API key helper) and .mcp.json
 * servers: `--setting-sources user` loads the user's settings only, and `--strict-mcp-config`
 * starts only MCP servers given with --mcp-config (none). The files are also hidden while it runs
 * (see repo-config-guard.ts).
 */
import { join } from 'node:path';
import type { WorkerConfig } from '../config/worker-config.ts';

export interface AgentInvocation {
  readonly preset: WorkerConfig['agent']['preset'];
  readonly file: string;
  readonly args: readonly string[];
  /** Which output parser understands it. */
  readonly output: 'aider' | 'plain';
}

export interface AgentPaths {
  readonly promptFile: string;
  /** The job's own folder (outside the worktree) for history and scratch files. */
  readonly jobDir: string;
  /** Whether the worker's OS sandbox wraps the agent (an agent's own sandbox then stands down). */
  readonly confined?: boolean;
}

/** Aider's flags for an unattended, one-message run (names checked against aider/args.py). */
export function aiderFlags(paths: AgentPaths, model: string | null): string[] {
  return [
    '--message-file',
    paths.promptFile,
    '--yes-always',
    '--no-pretty',
    '--no-fancy-input',
    '--no-check-update',
    '--no-show-release-notes',
    '--analytics-disable',
    '--no-show-model-warnings',
    '--no-suggest-shell-commands',
    '--no-detect-urls',
    '--no-gitignore',
    '--auto-commits',
    '--no-dirty-commits',
    '--no-auto-test',
    '--input-history-file',
    join(paths.jobDir, 'aider.input.history'),
    '--chat-history-file',
    join(paths.jobDir, 'aider.chat.history.md'),
    '--llm-history-file',
    join(paths.jobDir, 'aider.llm.history'),
    ...(model ? ['--model', model] : []),
  ];
}

/** What Claude Code and Codex are told: the task is in a file (issue text can exceed argv limits). */
export function fileInstruction(promptFile: string): string {
  return (
    `Your task is described in the file ${promptFile}. Read it, then make the code changes it asks ` +
    'for in this repository. Do not push and do not open pull requests.'
  );
}

export function buildAgentInvocation(agent: WorkerConfig['agent'], paths: AgentPaths): AgentInvocation {
  const [program, ...programArgs] = agent.command ?? [];
  const extra = agent.extraArgs;
  switch (agent.preset) {
    case 'aider':
      return {
        preset: 'aider',
        file: program ?? 'aider',
        args: [...programArgs, ...aiderFlags(paths, agent.model), ...extra],
        output: 'aider',
      };
    case 'claude-code':
      return {
        preset: 'claude-code',
        file: program ?? 'claude',
        args: [
          ...programArgs,
          '-p',
          fileInstruction(paths.promptFile),
          '--permission-mode',
          'acceptEdits',
          '--setting-sources',
          'user',
          '--strict-mcp-config',
          '--add-dir',
          paths.jobDir,
          '--output-format',
          'text',
          ...(agent.model ? ['--model', agent.model] : []),
          ...extra,
        ],
        output: 'plain',
      };
    case 'codex':
      return {
        preset: 'codex',
        file: program ?? 'codex',
        args: [
          ...programArgs,
          'exec',
          '--sandbox',
          // Codex's own bubblewrap cannot nest inside ours (no capabilities, no user namespace).
          paths.confined ? 'danger-full-access' : 'workspace-write',
          ...(agent.model ? ['--model', agent.model] : []),
          ...extra,
          fileInstruction(paths.promptFile),
        ],
        output: 'plain',
      };
    case 'custom':
      if (!program) throw new Error('the custom agent preset needs agent.command (program and arguments)');
      return {
        preset: 'custom',
        file: program,
        args: [...programArgs, ...extra, paths.promptFile],
        output: 'plain',
      };
  }
}
