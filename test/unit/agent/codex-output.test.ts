import { describe, expect, it } from 'vitest';
import { CodexOutputParser } from '../../../src-main/engine/agent/codex-output.ts';

/** Lines as `codex exec --json` 0.171.0 prints them. */
const session = [
  { type: 'thread.started', thread_id: '01a2' },
  { type: 'turn.started' },
  {
    type: 'item.started',
    item: {
      id: 'item_1',
      type: 'file_change',
      changes: [{ path: '/w/hello.txt', kind: 'add' }],
      status: 'in_progress',
    },
  },
  {
    type: 'item.completed',
    item: {
      id: 'item_1',
      type: 'file_change',
      changes: [{ path: '/w/hello.txt', kind: 'add' }],
      status: 'completed',
    },
  },
  { type: 'item.completed', item: { id: 'item_2', type: 'agent_message', text: 'Done.' } },
  {
    type: 'turn.completed',
    usage: { input_tokens: 2400, cached_input_tokens: 0, output_tokens: 160, reasoning_output_tokens: 0 },
  },
].map((event) => JSON.stringify(event));

describe('reading Codex’s exec --json output', () => {
  it('shows readable lines and counts edits and tokens (Codex reports no cost)', () => {
    const parser = new CodexOutputParser();
    const shown = session.flatMap((line) => parser.push(line));
    expect(shown).toEqual([
      'Codex session 01a2',
      'edited /w/hello.txt (add)',
      'Done.',
      'Turn completed (2400 tokens in, 160 out)',
    ]);
    expect(parser.report()).toMatchObject({
      appliedEdits: ['/w/hello.txt'],
      usage: { tokensSent: 2400, tokensReceived: 160, costUsd: null },
      fatal: null,
    });
  });

  it('calls a 401 fatal and a failed turn incomplete', () => {
    const parser = new CodexOutputParser();
    parser.push(
      JSON.stringify({ type: 'error', message: 'unexpected status 401 Unauthorized: invalid_api_key' }),
    );
    parser.push(
      JSON.stringify({ type: 'turn.failed', error: { message: 'unexpected status 401 Unauthorized' } }),
    );
    expect(parser.report()).toMatchObject({
      fatal: { kind: 'auth' },
      incomplete: 'unexpected status 401 Unauthorized',
    });
  });

  it('notes a rate limit as retryable', () => {
    const parser = new CodexOutputParser();
    parser.push(
      JSON.stringify({
        type: 'error',
        message: 'Reconnecting... 1/5 (unexpected status 429 Too Many Requests)',
      }),
    );
    expect(parser.report()).toMatchObject({ rateLimited: true, fatal: null });
  });
});
