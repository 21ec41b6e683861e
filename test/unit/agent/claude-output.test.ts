import { describe, expect, it } from 'vitest';
import { ClaudeOutputParser } from '../../../src-main/engine/agent/claude-output.ts';

/** Lines as Claude Code 2.1.337 prints them with --output-format stream-json --verbose (trimmed). */
const init = JSON.stringify({
  type: 'system',
  subtype: 'init',
  model: 'claude-sonnet-4-5',
  permissionMode: 'acceptEdits',
  claude_code_version: '2.1.337',
});
const writeCall = JSON.stringify({
  type: 'assistant',
  message: {
    id: 'msg_1',
    content: [
      { type: 'text', text: 'I will create the file.' },
      { type: 'tool_use', id: 'toolu_1', name: 'Write', input: { file_path: '/w/hello.txt', content: 'hi' } },
    ],
    usage: {
      input_tokens: 1200,
      output_tokens: 1,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    },
  },
});
const writeResult = JSON.stringify({
  type: 'user',
  message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' }] },
});
const result = JSON.stringify({
  type: 'result',
  subtype: 'success',
  is_error: false,
  num_turns: 2,
  result: 'Done.',
  total_cost_usd: 0.0096,
  usage: {
    input_tokens: 2400,
    cache_creation_input_tokens: 100,
    cache_read_input_tokens: 50,
    output_tokens: 160,
  },
});
const retry = (status: number, error: string) =>
  JSON.stringify({
    type: 'system',
    subtype: 'api_retry',
    attempt: 1,
    max_retries: 10,
    retry_delay_ms: 527,
    error_status: status,
    error,
  });

describe('reading Claude Code’s stream-json output', () => {
  it('shows each event as a readable line, and counts edits, tokens and the session cost', () => {
    const parser = new ClaudeOutputParser();
    const shown = [init, writeCall, writeResult, result].flatMap((line) => parser.push(line));
    expect(shown).toEqual([
      'Claude Code 2.1.337 · model claude-sonnet-4-5 · permission mode acceptEdits',
      'I will create the file.',
      '→ Write /w/hello.txt',
      '  edited /w/hello.txt',
      'Result: success, 2 turn(s), $0.0096',
    ]);
    expect(parser.report()).toMatchObject({
      appliedEdits: ['/w/hello.txt'],
      fatal: null,
      incomplete: null,
      usage: { tokensSent: 2550, tokensReceived: 160, costUsd: 0.0096 },
    });
  });

  it('reports tokens while the session runs, before the result', () => {
    const parser = new ClaudeOutputParser();
    parser.push(writeCall);
    expect(parser.report().usage).toEqual({ tokensSent: 1200, tokensReceived: 1, costUsd: null });
  });

  it('does not count an edit the tool refused', () => {
    const parser = new ClaudeOutputParser();
    parser.push(writeCall);
    const shown = parser.push(
      JSON.stringify({
        type: 'user',
        message: {
          content: [{ type: 'tool_result', tool_use_id: 'toolu_1', is_error: true, content: 'denied' }],
        },
      }),
    );
    expect(shown).toEqual(['  tool error: denied']);
    expect(parser.report().appliedEdits).toEqual([]);
  });

  it('calls a 401 retry fatal (Claude Code would retry a rejected key for minutes)', () => {
    const parser = new ClaudeOutputParser();
    expect(parser.push(retry(401, 'authentication_failed'))).toEqual([
      'Model API error (401 authentication_failed); retry 1 of 10 in 0.5 s',
    ]);
    expect(parser.report().fatal).toEqual({ kind: 'auth', detail: '401 authentication_failed' });
  });

  it('notes a rate limit as retryable, not fatal', () => {
    const parser = new ClaudeOutputParser();
    parser.push(retry(429, 'rate_limit'));
    expect(parser.report()).toMatchObject({ rateLimited: true, fatal: null });
  });

  it('reports an error result (an interrupted session exits 0) as incomplete', () => {
    const parser = new ClaudeOutputParser();
    parser.push(JSON.stringify({ type: 'result', subtype: 'error_during_execution', is_error: true }));
    expect(parser.report().incomplete).toBe('error_during_execution');
  });

  it('passes lines that are not JSON through', () => {
    const parser = new ClaudeOutputParser();
    expect(parser.push('Invalid API key · Please run /login')).toEqual([
      'Invalid API key · Please run /login',
    ]);
    expect(parser.report().fatal?.kind).toBe('auth');
  });
});
