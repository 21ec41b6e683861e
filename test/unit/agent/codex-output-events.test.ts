// Every kind of event `codex exec --json` can print, as the job log shows it and as the report
// counts it: items as they start and complete, failed edits, turns that add up, errors and the
// bounds that keep a long session's memory small.
import { describe, expect, it } from 'vitest';
import { CodexOutputParser } from '../../../src-main/engine/agent/codex-output.ts';

const line = (event: unknown): string => JSON.stringify(event);
const item = (done: boolean, body: Record<string, unknown>) =>
  line({ type: done ? 'item.completed' : 'item.started', item: body });

function parse(...lines: string[]) {
  const parser = new CodexOutputParser();
  const shown = lines.flatMap((l) => parser.push(l));
  return { shown, report: parser.report() };
}

describe('lines that are not events', () => {
  it('hides blank lines, shows other text, and keeps lines that say ERROR as errors', () => {
    const { shown, report } = parse(
      '',
      '  ',
      'Reading prompt from stdin…',
      '{not json',
      '2026-01-01 ERROR codex: stream lost',
    );
    expect(shown).toEqual(['Reading prompt from stdin…', '{not json', '2026-01-01 ERROR codex: stream lost']);
    expect(report.llmErrors).toEqual(['2026-01-01 ERROR codex: stream lost']);
  });

  it('does not take a word containing ERROR for an error', () => {
    expect(parse('NOERRORS here').report.llmErrors).toEqual([]);
  });
});

describe('items', () => {
  it('shows a command when it starts and its exit when it completes', () => {
    const command = { type: 'command_execution', command: 'npm test\n--watch=false', exit_code: 1 };
    expect(parse(item(false, command), item(true, command)).shown).toEqual([
      '$ npm test',
      '  exit 1: npm test',
    ]);
  });

  it('shows the model’s message once complete, without blank lines, and its reasoning’s first line', () => {
    const { shown } = parse(
      item(false, { type: 'agent_message', text: 'partial' }),
      item(true, { type: 'agent_message', text: 'Done.\n\n  \nAll green.' }),
      item(false, { type: 'reasoning', text: 'thinking…' }),
      item(true, { type: 'reasoning', text: 'Plan the change\nsecond line' }),
      item(true, { type: 'reasoning', text: '' }),
    );
    expect(shown).toEqual(['Done.', 'All green.', '(thinking) Plan the change']);
  });

  it('counts only completed file changes as edits, and says which failed', () => {
    const { shown, report } = parse(
      item(true, {
        type: 'file_change',
        status: 'failed',
        changes: [{ path: '/w/a.ts', kind: 'update' }],
      }),
      item(true, {
        type: 'file_change',
        status: 'completed',
        changes: [
          { path: '/w/b.ts', kind: 'add' },
          { path: '/w/c.ts', kind: 'delete' },
        ],
      }),
      item(true, { type: 'file_change', status: 'completed', changes: 'not a list' }),
    );
    expect(shown).toEqual([
      'failed to edit /w/a.ts (update)',
      'edited /w/b.ts (add)',
      'edited /w/c.ts (delete)',
    ]);
    expect(report.appliedEdits).toEqual(['/w/b.ts', '/w/c.ts']);
  });

  it('remembers at most 1000 edited files', () => {
    const changes = Array.from({ length: 1001 }, (_, i) => ({ path: `/w/${i}`, kind: 'add' }));
    const { shown, report } = parse(item(true, { type: 'file_change', status: 'completed', changes }));
    expect(shown).toHaveLength(1001);
    expect(report.appliedEdits).toHaveLength(1000);
  });

  it('shows an error item as a warning, other finished items by their type, and nothing for unknown starts', () => {
    const { shown, report } = parse(
      item(false, { type: 'error', message: 'early' }),
      item(true, { type: 'error', message: 'model asked to retry\ndetails' }),
      item(false, { type: 'todo_list' }),
      item(true, { type: 'todo_list' }),
      item(true, {}),
      line({ type: 'item.completed' }),
    );
    expect(shown).toEqual(['Warning: model asked to retry', '(todo_list)']);
    expect(report.llmErrors).toEqual([]);
  });
});

describe('turns and errors', () => {
  it('adds up the tokens of every turn, and shows zero before any', () => {
    const { shown, report } = parse(
      line({ type: 'turn.started' }),
      line({ type: 'turn.completed' }),
      line({ type: 'turn.completed', usage: { input_tokens: 100, output_tokens: 10 } }),
      line({ type: 'turn.completed', usage: { input_tokens: 50, output_tokens: 'many' } }),
      line({ type: 'turn.completed', usage: { output_tokens: 5 } }),
    );
    expect(shown).toEqual([
      'Turn completed (0 tokens in, 0 out)',
      'Turn completed (100 tokens in, 10 out)',
      'Turn completed (150 tokens in, 10 out)',
      'Turn completed (150 tokens in, 15 out)',
    ]);
    expect(report.usage).toEqual({ tokensSent: 150, tokensReceived: 15, costUsd: null });
  });

  it('shows the first line of a failed turn and an error, and keeps them as errors', () => {
    const { shown, report } = parse(
      line({ type: 'turn.failed', error: { message: `stream disconnected ${'z'.repeat(400)}\nretrying` } }),
      line({ type: 'error', message: 'server overloaded\ntry later' }),
      line({ type: 'turn.failed' }),
    );
    const first = `stream disconnected ${'z'.repeat(400)}`.slice(0, 300);
    expect(shown).toEqual([`Turn failed: ${first}`, 'Error: server overloaded', 'Turn failed: ']);
    expect(report).toMatchObject({
      incomplete: '',
      llmErrors: [first, 'server overloaded', ''],
      fatal: null,
      rateLimited: false,
    });
  });

  it('keeps at most 20 errors, and only the first refused key as the fatal detail', () => {
    const errors = Array.from({ length: 25 }, (_, i) =>
      line({ type: 'error', message: `401 Unauthorized #${i}` }),
    );
    const { report } = parse(...errors);
    expect(report.llmErrors).toHaveLength(20);
    expect(report.fatal).toEqual({ kind: 'auth', detail: '401 Unauthorized #0' });
  });

  it('shows nothing for events it does not know', () => {
    expect(parse(line({ type: 'session.configured' }), line({})).shown).toEqual([]);
  });
});

describe('details that decide what the report says', () => {
  it('shows JSON that is not an event as text', () => {
    expect(parse('42', '"quoted"', 'true').shown).toEqual(['42', '"quoted"', 'true']);
  });

  it('reports no commits or format errors, and unknown tokens after a turn without usage', () => {
    expect(
      parse(line({ type: 'thread.started', thread_id: null }), line({ type: 'turn.completed' })),
    ).toEqual({
      shown: ['Codex session ', 'Turn completed (0 tokens in, 0 out)'],
      report: {
        appliedEdits: [],
        commits: [],
        llmErrors: [],
        reflectionsExhausted: false,
        malformedResponses: 0,
        rateLimited: false,
        fatal: null,
        incomplete: null,
        usage: { tokensSent: null, tokensReceived: null, costUsd: null },
      },
    });
  });
});
