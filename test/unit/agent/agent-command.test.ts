import { describe, expect, it } from 'vitest';
import { buildAgentInvocation } from '../../../src-main/engine/agent/agent-command.ts';
import type { WorkerConfig } from '../../../src-main/engine/config/worker-config.ts';

const paths = { promptFile: '/data/jobs/j1/prompt.md', jobDir: '/data/jobs/j1' };
const agent = (overrides: Partial<WorkerConfig['agent']> = {}): WorkerConfig['agent'] => ({
  preset: 'aider',
  command: null,
  model: null,
  extraArgs: [],
  ...overrides,
});

describe('agent command lines', () => {
  it('runs Aider unattended with every setting that matters as a flag', () => {
    const invocation = buildAgentInvocation(
      agent({ model: 'ollama_chat/qwen2.5-coder', extraArgs: ['--map-tokens', '0'] }),
      paths,
    );
    expect(invocation.file).toBe('aider');
    expect(invocation.output).toBe('aider');
    const args = invocation.args;
    for (const flag of [
      '--yes-always',
      '--no-pretty',
      '--no-check-update',
      '--no-show-release-notes',
      '--analytics-disable',
      '--no-show-model-warnings',
      '--no-suggest-shell-commands',
      '--no-detect-urls',
      '--no-gitignore',
      '--auto-commits',
      '--no-dirty-commits',
    ]) {
      expect(args).toContain(flag);
    }
    expect(args.slice(args.indexOf('--message-file'), args.indexOf('--message-file') + 2)).toEqual([
      '--message-file',
      '/data/jobs/j1/prompt.md',
    ]);
    expect(args[args.indexOf('--chat-history-file') + 1]).toBe('/data/jobs/j1/aider.chat.history.md');
    expect(args[args.indexOf('--input-history-file') + 1]).toBe('/data/jobs/j1/aider.input.history');
    expect(args[args.indexOf('--llm-history-file') + 1]).toBe('/data/jobs/j1/aider.llm.history');
    expect(args[args.indexOf('--model') + 1]).toBe('ollama_chat/qwen2.5-coder');
    // Extra arguments come last, so the user can override a default.
    expect(args.slice(-2)).toEqual(['--map-tokens', '0']);
  });

  it('lets the command replace the program, keeping its own arguments first', () => {
    const invocation = buildAgentInvocation(
      agent({ command: ['/usr/bin/node', '/x/fake-aider.mjs'] }),
      paths,
    );
    expect(invocation.file).toBe('/usr/bin/node');
    expect(invocation.args[0]).toBe('/x/fake-aider.mjs');
    expect(invocation.args).not.toContain('--model');
  });

  it('runs Claude Code in print mode allowed to edit, pointing it at the prompt file', () => {
    const invocation = buildAgentInvocation(agent({ preset: 'claude-code', model: 'sonnet' }), paths);
    expect(invocation.file).toBe('claude');
    expect(invocation.args[0]).toBe('-p');
    expect(invocation.args[1]).toContain('/data/jobs/j1/prompt.md');
    expect(invocation.args).toEqual(
      expect.arrayContaining(['--permission-mode', 'acceptEdits', '--add-dir', '/data/jobs/j1']),
    );
    // The repository's own .claude settings and .mcp.json servers are not loaded.
    const args = invocation.args;
    expect(args[args.indexOf('--setting-sources') + 1]).toBe('user');
    expect(args).toContain('--strict-mcp-config');
    expect(invocation.args[invocation.args.indexOf('--model') + 1]).toBe('sonnet');
  });

  it('runs Codex with codex exec in a workspace-write sandbox', () => {
    const invocation = buildAgentInvocation(agent({ preset: 'codex' }), paths);
    expect(invocation.file).toBe('codex');
    expect(invocation.args.slice(0, 3)).toEqual(['exec', '--sandbox', 'workspace-write']);
    expect(invocation.args.at(-1)).toContain('/data/jobs/j1/prompt.md');
  });

  it('lets Codex’s own sandbox stand down when the worker’s OS sandbox wraps it', () => {
    const invocation = buildAgentInvocation(agent({ preset: 'codex' }), { ...paths, confined: true });
    expect(invocation.args.slice(0, 3)).toEqual(['exec', '--sandbox', 'danger-full-access']);
  });

  it('runs a custom command with the prompt file as its last argument, and needs a command', () => {
    const invocation = buildAgentInvocation(
      agent({ preset: 'custom', command: ['my-agent', '--fast'], extraArgs: ['-v'] }),
      paths,
    );
    expect([invocation.file, ...invocation.args]).toEqual([
      'my-agent',
      '--fast',
      '-v',
      '/data/jobs/j1/prompt.md',
    ]);
    expect(() => buildAgentInvocation(agent({ preset: 'custom' }), paths)).toThrow(/needs agent.command/);
  });
});
