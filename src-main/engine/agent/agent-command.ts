/**
 * The agent's command line for each preset, as an argument array. Aider gets every setting that
 * matters as a flag (flags win over a repository's .aider.conf.yml), its history files in the job
 * folder, and the prompt from a file; Claude Code and Codex get their non-interactive modes.
 *
 * Claude Code in print mode (-p) skips the workspace-trust dialog, so it would load the
 * repository's own .claude/settings*.json (hooks, permissions, an API key helper) and .mcp.json
 * servers: `--setting-sources user` loads the user's settings only, and `--strict-mcp-config`
 * starts only MCP servers given with --mcp-config (none). The files are also hidden while it runs
 * (see repo-config-guard.ts). It prints nothing with `--output-format text` until it ends (a long
 * session looked hung), so it runs with `stream-json` (which needs `--verbose` with `-p`): one
 * event a line as it works, parsed by claude-output.ts.
 *
 * Codex runs `exec --json` (events parsed by codex-output.ts). Its own sandbox is bubblewrap on
 * Linux, which cannot start inside the worker's bubblewrap (nested user namespaces are refused),
 * so when the worker confines the agent (`confined`) Codex's sandbox is turned off
 * (`danger-full-access` — the worker's sandbox is the boundary); unconfined, Codex keeps its
 * `workspace-write` sandbox. Codex ignores OPENAI_BASE_URL: a gateway URL becomes a model provider
 * of its own through `-c` (the key stays in the environment, named by `env_key`), which also
 * avoids the WebSocket transport that gateways rarely speak.
 *
 * `agent.command` replaces a preset's program (e.g. a pipx Aider at its full path, or
 * `["uvx", "--from", "aider-chat", "aider"]`) and keeps the preset's flags; only the `custom`
 * preset runs the command with the prompt file alone.
 */
import { join } from 'node:path';
import type { WorkerConfig } from '../config/worker-config.ts';

export interface AgentInvocation {
  readonly preset: WorkerConfig['agent']['preset'];
  readonly file: string;
  readonly args: readonly string[];
  /** Which output parser understands it. */
  readonly output: AgentOutputFormat;
}

export type AgentOutputFormat = 'aider' | 'claude-stream-json' | 'codex-json' | 'plain';

export interface AgentPaths {
  readonly promptFile: string;
  /** The job's own folder (outside the worktree) for history and scratch files. */
  readonly jobDir: string;
  /** The worker's own OS sandbox wraps the agent (see sandbox/): agents must not nest theirs. */
  readonly confined: boolean;
  /** A gateway for Codex (the user's OPENAI_BASE_URL); null for OpenAI itself. */
  readonly openAiBaseUrl?: string | null;
}

/** The name of the provider Codex is given for a gateway URL (see codexFlags). */
export const CODEX_GATEWAY_PROVIDER = 'codingworker-gateway';

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

/** Codex's flags for one unattended turn (names checked against `codex exec --help` 0.171). */
export function codexFlags(paths: AgentPaths, model: string | null): string[] {
  const gateway = paths.openAiBaseUrl
    ? [
        '-c',
        `model_provider="${CODEX_GATEWAY_PROVIDER}"`,
        '-c',
        `model_providers.${CODEX_GATEWAY_PROVIDER}.name="OpenAI-compatible gateway"`,
        '-c',
        `model_providers.${CODEX_GATEWAY_PROVIDER}.base_url=${JSON.stringify(paths.openAiBaseUrl)}`,
        '-c',
        `model_providers.${CODEX_GATEWAY_PROVIDER}.env_key="CODEX_API_KEY"`,
        '-c',
        `model_providers.${CODEX_GATEWAY_PROVIDER}.wire_api="responses"`,
      ]
    : [];
  return [
    'exec',
    '--json',
    '--color',
    'never',
    '--skip-git-repo-check',
    '--sandbox',
    paths.confined ? 'danger-full-access' : 'workspace-write',
    ...gateway,
    ...(model ? ['--model', model] : []),
  ];
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
          'stream-json',
          '--verbose',
          ...(agent.model ? ['--model', agent.model] : []),
          ...extra,
        ],
        output: 'claude-stream-json',
      };
    case 'codex':
      return {
        preset: 'codex',
        file: program ?? 'codex',
        args: [
          ...programArgs,
          ...codexFlags(paths, agent.model),
          ...extra,
          fileInstruction(paths.promptFile),
        ],
        output: 'codex-json',
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
