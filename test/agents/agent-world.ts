/**
 * One world for the agent contract tests: the pipeline harness (real git remotes, the GitHub fake,
 * the journal) with the REAL agent as the configured program, talking to the local model API. The
 * worker's own code builds the command line, the environment and HOME, runs and judges the agent.
 */
import { join } from 'node:path';
import type { WorkerConfigInput } from '../../src-main/engine/config/worker-config.ts';
import { ModelApiFake } from '../support/model-api/model-api.ts';
import type { ModelReply, ModelRequest } from '../support/model-api/replies.ts';
import { startHarness, type Harness } from '../integration/pipeline/pipeline-harness.ts';
import { requireTool, type ToolName } from './agent-tools.ts';

export { REPO } from '../integration/pipeline/pipeline-harness.ts';

export const MODEL: Record<ToolName, string> = {
  aider: 'openai/gpt-4o',
  'claude-code': 'claude-sonnet-4-5',
  codex: 'gpt-5.1-codex',
};
export const KEYS = { openai: 'sk-test-openai-0123456789', anthropic: 'sk-ant-test-0123456789' };

export interface AgentWorld {
  readonly h: Harness;
  readonly api: ModelApiFake;
  readonly tool: ToolName;
  /** Pipeline overrides that run the real tool. */
  config(extra?: {
    idleOutputMs?: number;
    agent?: Partial<WorkerConfigInput['agent']>;
  }): Parameters<Harness['pipeline']>[0];
  close(): Promise<void>;
}

export async function startAgentWorld(tool: ToolName): Promise<AgentWorld> {
  const program = requireTool(tool);
  const h = await startHarness();
  const api = await ModelApiFake.start(editingModel(tool, 'greeting.txt', 'Hello, world!\n'));
  // The worker's environment, as a user would set it for each preset.
  Object.assign(h.environment, {
    PATH: [join(import.meta.dirname, '..', '..', 'node_modules', '.bin'), process.env.PATH].join(':'),
    OPENAI_API_KEY: KEYS.openai,
    OPENAI_API_BASE: `${api.url}/v1`,
    OPENAI_BASE_URL: `${api.url}/v1`,
    ANTHROPIC_API_KEY: KEYS.anthropic,
    ANTHROPIC_BASE_URL: api.url,
  });
  return {
    h,
    api,
    tool,
    config: (extra = {}) => ({
      config: { agent: { preset: tool, command: [program], model: MODEL[tool], ...extra.agent } },
      limits: { idleOutputMs: extra.idleOutputMs ?? 120_000, killGraceMs: 2000 },
    }),
    async close() {
      await api.stop();
      await h.close();
    },
  };
}

/** The worktree the agent runs in, from the environment block Claude Code sends. */
function workingDirectory(request: ModelRequest): string {
  return /Primary working directory: ([^\s\\]+)/.exec(request.text)?.[1] ?? '.';
}

/**
 * A model that makes the real tool write `file` with `content`, in each tool's own way: Aider's
 * SEARCH/REPLACE edit format; Claude Code's Write tool; Codex's apply_patch through exec_command.
 * Then it says it is done. Aider's commit-message request gets a conventional subject.
 */
export function editingModel(tool: ToolName, file: string, content: string): (r: ModelRequest) => ModelReply {
  return (request) => {
    if (tool === 'aider') {
      if (/commit message/i.test(request.text)) return { kind: 'text', text: 'feat: add the greeting' };
      return {
        kind: 'text',
        text: `I will add it.\n\n${file}\n\`\`\`\n<<<<<<< SEARCH\n=======\n${content}>>>>>>> REPLACE\n\`\`\`\n`,
        usage: { inputTokens: 2300, outputTokens: 345 },
      };
    }
    if (tool === 'claude-code') {
      if (!request.tools.includes('Write')) return { kind: 'text', text: 'Greeting file' };
      if (request.hasToolResult) return { kind: 'text', text: `Created ${file}.` };
      return {
        kind: 'tool',
        name: 'Write',
        input: { file_path: `${workingDirectory(request)}/${file}`, content },
      };
    }
    if (request.hasToolResult) return { kind: 'text', text: `Created ${file}.` };
    const lines = content
      .split('\n')
      .filter((line, i, all) => i < all.length - 1 || line !== '')
      .map((line) => `+${line}`)
      .join('\n');
    return {
      kind: 'tool',
      name: 'exec_command',
      input: {
        cmd: `apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: ${file}\n${lines}\n*** End Patch\nEOF\n`,
      },
    };
  };
}
