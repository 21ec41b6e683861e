// Every kind of event Claude Code's stream-json can print, as the job log shows it and as the
// report counts it: odd and partial events, refused and repeated tool results, usage as it
// streams, and the bounds that keep a long session's memory small.
import { describe, expect, it } from 'vitest';
import { ClaudeOutputParser } from '../../../src-main/engine/agent/claude-output.ts';

const line = (event: unknown): string => JSON.stringify(event);
const assistant = (id: string, content: unknown, usage?: Record<string, number>) =>
  line({ type: 'assistant', message: { id, content, ...(usage ? { usage } : {}) } });
const toolResult = (id: string, extra: Record<string, unknown> = {}) =>
  line({
    type: 'user',
    message: { content: [{ type: 'tool_result', tool_use_id: id, content: 'ok', ...extra }] },
  });

function parse(...lines: string[]) {
  const parser = new ClaudeOutputParser();
  const shown = lines.flatMap((l) => parser.push(l));
  return { shown, report: parser.report() };
}

describe('lines that are not events', () => {
  it('hides blank lines and shows other text as printed', () => {
    expect(parse('', '   ', '  Working…  ').shown).toEqual(['  Working…  ']);
  });

  it('reads a broken JSON line as text, and an API error in it as an error', () => {
    const { shown, report } = parse('{ API Error: 500 overloaded');
    expect(shown).toEqual(['{ API Error: 500 overloaded']);
    expect(report).toMatchObject({ llmErrors: ['{ API Error: 500 overloaded'], fatal: null });
  });

  it('keeps at most 20 error lines of 500 characters each', () => {
    const { report } = parse(...Array.from({ length: 25 }, (_, i) => `API Error ${i}: ${'x'.repeat(600)}`));
    expect(report.llmErrors).toHaveLength(20);
    expect(report.llmErrors[0]).toHaveLength(500);
    expect(report.llmErrors[19]!.startsWith('API Error 19:')).toBe(true);
  });

  it('calls an authentication message fatal only when it says the key was refused', () => {
    expect(parse('authentication required: run claude login').report).toMatchObject({
      llmErrors: ['authentication required: run claude login'],
      fatal: null,
    });
    expect(parse('Invalid API key · Please run /login').report.fatal).toEqual({
      kind: 'auth',
      detail: 'Invalid API key · Please run /login',
    });
  });
});

describe('system events', () => {
  it('shows permission denials, and nothing for events it does not know', () => {
    const { shown } = parse(
      line({ type: 'system', subtype: 'permission_denied', tool_name: 'Bash', message: 'rm is not allowed' }),
      line({ type: 'system', subtype: 'compact_boundary' }),
      line({ type: 'stream_event', event: {} }),
    );
    expect(shown).toEqual(['Permission denied: rm is not allowed']);
  });

  it('shows an init event with missing fields without inventing them', () => {
    expect(parse(line({ type: 'system', subtype: 'init', model: 'claude-x' })).shown).toEqual([
      'Claude Code  · model claude-x · permission mode ',
    ]);
  });

  it('words a retry without a status or delay, keeps it as an error, and is neither fatal nor rate-limited', () => {
    const { shown, report } = parse(
      line({ type: 'system', subtype: 'api_retry', attempt: 2, max_retries: 10, error: 'overloaded_error' }),
    );
    expect(shown).toEqual(['Model API error (overloaded_error); retry 2 of 10 in ?']);
    expect(report).toMatchObject({
      llmErrors: ['Model API error (overloaded_error); retry 2 of 10 in ?'],
      fatal: null,
      rateLimited: false,
    });
  });

  it('calls a 403, or an authentication error without a status, fatal; a rate-limit text retryable', () => {
    const retry = (extra: Record<string, unknown>) =>
      parse(line({ type: 'system', subtype: 'api_retry', attempt: 1, max_retries: 10, ...extra })).report;
    expect(retry({ error_status: 403, error: 'forbidden' }).fatal).toEqual({
      kind: 'auth',
      detail: '403 forbidden',
    });
    expect(retry({ error: 'authentication_error' }).fatal).toEqual({
      kind: 'auth',
      detail: 'authentication_error',
    });
    expect(retry({ error_status: 500, error: 'rate_limit_error' })).toMatchObject({
      rateLimited: true,
      fatal: null,
    });
    expect(retry({ error_status: 500, error: 'api_error' })).toMatchObject({
      rateLimited: false,
      fatal: null,
    });
  });
});

describe('assistant and tool events', () => {
  it('shows text without blank lines, and each tool call by its first line of target', () => {
    const { shown } = parse(
      assistant('m1', [
        { type: 'text', text: 'First.\n\n  \nSecond.' },
        { type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'npm test\n# and more' } },
        { type: 'tool_use', id: 't2', name: 'Grep', input: { pattern: 'TODO' } },
        { type: 'tool_use', id: 't3', name: 'WebFetch', input: { url: 'https://example.com/' } },
        { type: 'tool_use', id: 't4', name: 'TodoWrite', input: { todos: [] } },
        { type: 'tool_use', id: 't5', name: 'Read', input: { file_path: `/w/${'a'.repeat(300)}` } },
        null,
        'not a block',
        { type: 'thinking', thinking: 'hidden' },
      ]),
    );
    expect(shown).toEqual([
      'First.',
      'Second.',
      '→ Bash npm test',
      '→ Grep TODO',
      '→ WebFetch https://example.com/',
      '→ TodoWrite',
      `→ Read /w/${'a'.repeat(197)}`,
    ]);
  });

  it('shows nothing for an assistant event without content', () => {
    expect(
      parse(line({ type: 'assistant' }), line({ type: 'assistant', message: { content: 'x' } })).shown,
    ).toEqual([]);
  });

  it('counts a file as edited only when an edit tool’s call succeeded, once', () => {
    const { shown, report } = parse(
      assistant('m1', [
        { type: 'tool_use', id: 'e1', name: 'Edit', input: { file_path: '/w/a.ts' } },
        { type: 'tool_use', id: 'e2', name: 'NotebookEdit', input: { notebook_path: '/w/n.ipynb' } },
        { type: 'tool_use', id: 'r1', name: 'Read', input: { file_path: '/w/b.ts' } },
        { type: 'tool_use', id: 'e3', name: 'Write', input: { content: 'no path' } },
      ]),
      line({
        type: 'user',
        message: {
          content: [
            { type: 'text', text: 'not a result' },
            { type: 'tool_result', tool_use_id: 'e1', content: 'ok' },
            { type: 'tool_result', tool_use_id: 'e1', content: 'ok again' },
            { type: 'tool_result', tool_use_id: 'e2', content: 'ok' },
            { type: 'tool_result', tool_use_id: 'r1', content: 'file text' },
            { type: 'tool_result', tool_use_id: 'e3', content: 'ok' },
            { type: 'tool_result', tool_use_id: 'unknown', content: 'ok' },
          ],
        },
      }),
    );
    expect(shown.slice(-2)).toEqual(['  edited /w/a.ts', '  edited /w/n.ipynb']);
    expect(report.appliedEdits).toEqual(['/w/a.ts', '/w/n.ipynb']);
  });

  it('shows the first line of a tool error, whatever its content’s shape', () => {
    const { shown } = parse(
      toolResult('x', { is_error: true, content: `line one ${'y'.repeat(400)}\nline two` }),
      toolResult('y', { is_error: true, content: [{ type: 'text', text: 'denied' }] }),
      toolResult('z', { is_error: 'true' }),
    );
    expect(shown).toEqual([
      `  tool error: ${`line one ${'y'.repeat(400)}`.slice(0, 300)}`,
      '  tool error: [{"type":"text","text":"denied"}]',
    ]);
  });

  it('remembers at most 1000 edited files', () => {
    const calls = Array.from({ length: 1001 }, (_, i) => [
      assistant(`m${i}`, [{ type: 'tool_use', id: `e${i}`, name: 'Write', input: { file_path: `/w/${i}` } }]),
      toolResult(`e${i}`),
    ]).flat();
    const { shown, report } = parse(...calls);
    expect(report.appliedEdits).toHaveLength(1000);
    expect(shown.at(-1)).toBe('→ Write /w/1000');
  });
});

describe('usage', () => {
  it('sums the messages of a session, counting a message streamed twice once', () => {
    const { report } = parse(
      assistant('m1', [], { input_tokens: 100, output_tokens: 5 }),
      assistant('m1', [], { input_tokens: 100, output_tokens: 20 }),
      assistant('m2', [], { input_tokens: 50, cache_read_input_tokens: 25, cache_creation_input_tokens: 5 }),
      assistant('m3', [], {}),
    );
    expect(report.usage).toEqual({ tokensSent: 180, tokensReceived: 20, costUsd: null });
  });

  it('takes the result’s totals and cost, and keeps the running totals where the result has none', () => {
    const { shown, report } = parse(
      assistant('m1', [], { input_tokens: 100, output_tokens: 5 }),
      line({ type: 'result', subtype: 'success', is_error: false, total_cost_usd: 12.5 }),
    );
    expect(shown).toEqual(['Result: success, $12.5000']);
    expect(report.usage).toEqual({ tokensSent: 100, tokensReceived: 5, costUsd: 12.5 });
    const later = parse(
      line({
        type: 'result',
        subtype: 'success',
        total_cost_usd: 1,
        usage: { input_tokens: 7, output_tokens: 3 },
      }),
      line({
        type: 'result',
        subtype: 'success',
        total_cost_usd: 'n/a',
        usage: { input_tokens: Number.NaN },
      }),
    );
    expect(later.report.usage).toEqual({ tokensSent: 7, tokensReceived: 3, costUsd: 1 });
    expect(later.shown).toEqual(['Result: success, $1.0000', 'Result: success']);
  });
});

describe('the result', () => {
  it('calls an error result incomplete with the first line of what it said, and a refused key fatal', () => {
    const { report } = parse(
      line({
        type: 'result',
        subtype: 'success',
        is_error: true,
        result: 'Invalid API key · Please run /login\nmore',
      }),
    );
    expect(report.incomplete).toBe('Invalid API key · Please run /login');
    expect(report.fatal).toEqual({ kind: 'auth', detail: 'Invalid API key · Please run /login' });
  });

  it('uses the subtype when an error result says nothing, and is not fatal for other errors', () => {
    const { report } = parse(
      line({ type: 'result', subtype: 'error_max_turns', is_error: false, result: '' }),
    );
    expect(report).toMatchObject({ incomplete: 'error_max_turns', fatal: null });
  });

  it('leaves a successful result complete', () => {
    expect(
      parse(line({ type: 'result', subtype: 'success', is_error: false, result: 'Done.' })).report.incomplete,
    ).toBeNull();
  });
});

describe('details that decide what the report says', () => {
  it('reports no commits, format errors or extra errors for a plain run', () => {
    expect(parse('  Working…  ', line({ type: 'system', subtype: 'init', model: null })).report).toEqual({
      appliedEdits: [],
      commits: [],
      llmErrors: [],
      reflectionsExhausted: false,
      malformedResponses: 0,
      rateLimited: false,
      fatal: null,
      incomplete: null,
      usage: { tokensSent: null, tokensReceived: null, costUsd: null },
    });
    expect(parse(line({ type: 'system', subtype: 'init', model: null })).shown).toEqual([
      'Claude Code  · model  · permission mode ',
    ]);
  });

  it('keeps the first 300 characters of a refused key, from text or from an error result', () => {
    const text = `Invalid API key ${'k'.repeat(400)}`;
    expect(parse(text).report.fatal).toEqual({ kind: 'auth', detail: text.slice(0, 300) });
    const result = parse(
      line({ type: 'result', subtype: 'error_during_execution', is_error: true, result: text }),
    );
    expect(result.report.incomplete).toBe(text.slice(0, 300));
  });

  it('decides by the status: 401 is fatal and 429 rate-limited whatever the error text, a non-number status is ignored', () => {
    const retry = (extra: Record<string, unknown>) =>
      parse(line({ type: 'system', subtype: 'api_retry', attempt: 1, max_retries: 10, ...extra }));
    expect(retry({ error_status: 401, error: 'invalid_request' }).report.fatal).toEqual({
      kind: 'auth',
      detail: '401 invalid_request',
    });
    expect(retry({ error_status: 429, error: 'overloaded' }).report).toMatchObject({
      rateLimited: true,
      fatal: null,
    });
    expect(retry({ error_status: '401', error: 'overloaded' }).shown).toEqual([
      'Model API error (overloaded); retry 1 of 10 in ?',
    ]);
  });

  it('uses the subtype when an error result is not text', () => {
    const { report } = parse(
      line({ type: 'result', subtype: 'error_during_execution', is_error: true, result: 42 }),
    );
    expect(report.incomplete).toBe('error_during_execution');
  });

  it('counts MultiEdit as an edit tool, and only tool results close a call', () => {
    const { report } = parse(
      assistant('m1', [{ type: 'tool_use', id: 'm', name: 'MultiEdit', input: { file_path: '/w/m.ts' } }]),
      line({ type: 'user', message: { content: [{ type: 'text', tool_use_id: 'm', is_error: true }] } }),
      toolResult('m'),
    );
    expect(report.appliedEdits).toEqual(['/w/m.ts']);
  });

  it('leaves usage unknown after a message without usage, and counts output-only usage', () => {
    expect(parse(assistant('m1', [], {})).report.usage).toEqual({
      tokensSent: null,
      tokensReceived: null,
      costUsd: null,
    });
    expect(parse(assistant('m1', [], { output_tokens: 7 })).report.usage).toEqual({
      tokensSent: 0,
      tokensReceived: 7,
      costUsd: null,
    });
  });
});
