import { describe, expect, it } from 'vitest';
import { buildAgentInvocation } from '../../../src-main/engine/agent/agent-command.ts';
import type { WorkerConfig } from '../../../src-main/engine/config/worker-config.ts';

const paths = { promptFile: '/data/jobs/j1/prompt.md', jobDir: '/data/jobs/j1', confined: false };
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

  it('lets the command replace the program, keeping its own arguments first and every preset flag', () => {
    const invocation = buildAgentInvocation(
      agent({ command: ['/usr/bin/node', '/x/fake-aider.mjs'] }),
      paths,
    );
    expect(invocation.file).toBe('/usr/bin/node');
    expect(invocation.args[0]).toBe('/x/fake-aider.mjs');
    expect(invocation.args).not.toContain('--model');
    const pipx = buildAgentInvocation(
      agent({ command: ['/Users/me/.local/bin/aider'], model: 'gpt-4o' }),
      paths,
    );
    expect(pipx.file).toBe('/Users/me/.local/bin/aider');
    expect(pipx.args).toEqual(
      expect.arrayContaining(['--message-file', '--yes-always', '--no-pretty', '--model']),
    );
    expect(pipx.output).toBe('aider');
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

  it('makes Claude Code stream its progress as JSON events (print mode needs --verbose for that)', () => {
    const { args, output } = buildAgentInvocation(agent({ preset: 'claude-code' }), paths);
    expect(args[args.indexOf('--output-format') + 1]).toBe('stream-json');
    expect(args).toContain('--verbose');
    expect(output).toBe('claude-stream-json');
  });

  it('runs Codex with codex exec --json in its workspace-write sandbox when the worker does not confine it', () => {
    const invocation = buildAgentInvocation(agent({ preset: 'codex' }), paths);
    expect(invocation.file).toBe('codex');
    expect(invocation.output).toBe('codex-json');
    const args = invocation.args;
    expect(args[0]).toBe('exec');
    expect(args).toEqual(expect.arrayContaining(['--json', '--skip-git-repo-check']));
    expect(args[args.indexOf('--sandbox') + 1]).toBe('workspace-write');
    expect(args.at(-1)).toContain('/data/jobs/j1/prompt.md');
  });

  it('turns Codex’s own sandbox off inside the worker’s (nested bubblewrap cannot start)', () => {
    const { args } = buildAgentInvocation(agent({ preset: 'codex' }), { ...paths, confined: true });
    expect(args[args.indexOf('--sandbox') + 1]).toBe('danger-full-access');
  });

  it('gives Codex a gateway URL as a provider of its own, with the key named, never in the arguments', () => {
    const { args } = buildAgentInvocation(agent({ preset: 'codex', model: 'gpt-5.1-codex' }), {
      ...paths,
      openAiBaseUrl: 'http://127.0.0.1:4000/v1',
    });
    const overrides = args.flatMap((arg, i) => (args[i - 1] === '-c' ? [arg] : []));
    expect(overrides).toEqual(
      expect.arrayContaining([
        'model_provider="codingworker-gateway"',
        'model_providers.codingworker-gateway.base_url="http://127.0.0.1:4000/v1"',
        'model_providers.codingworker-gateway.env_key="CODEX_API_KEY"',
      ]),
    );
    expect(args[args.indexOf('--model') + 1]).toBe('gpt-5.1-codex');
  });

  it('lets Codex’s own sandbox stand down when the worker’s OS sandbox wraps it', () => {
    const confined = buildAgentInvocation(agent({ preset: 'codex' }), { ...paths, confined: true }).args;
    expect(confined[confined.indexOf('--sandbox') + 1]).toBe('danger-full-access');
    const alone = buildAgentInvocation(agent({ preset: 'codex' }), { ...paths, confined: false }).args;
    expect(alone[alone.indexOf('--sandbox') + 1]).toBe('workspace-write');
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
