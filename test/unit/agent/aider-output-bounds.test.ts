// What the Aider parser refuses to keep or to believe: its memory bounds however long the run, lines
// that only quote Aider's words, and the exact number formats it reads (costs of $10 or more too).
import { describe, expect, it } from 'vitest';
import {
  AiderOutputParser,
  parseAiderOutput,
  parseTokenCount,
} from '../../../src-main/engine/agent/aider-output.ts';

const lines = (count: number, line: (i: number) => string): string =>
  Array.from({ length: count }, (_, i) => line(i)).join('\n');

describe('the Aider parser’s memory bounds', () => {
  it('keeps at most 1000 edited files and 200 commits', () => {
    const report = parseAiderOutput(
      lines(1001, (i) => `Applied edit to src/file-${i}.py`) +
        '\n' +
        lines(201, (i) => `Commit ${(0x1000000 + i).toString(16)} change ${i}`),
    );
    expect(report.appliedEdits).toHaveLength(1000);
    expect(report.appliedEdits.at(-1)).toBe('src/file-999.py');
    expect(report.commits).toHaveLength(200);
    expect(report.commits.at(-1)).toEqual({ hash: '10000c7', message: 'change 199' });
  });

  it('ignores a line over 4000 characters and reads one of exactly 4000', () => {
    const prefix = 'Applied edit to ';
    const longest = `${prefix}${'a'.repeat(4000 - prefix.length)}`;
    const tooLong = `${prefix}${'b'.repeat(4001 - prefix.length)}`;
    expect(parseAiderOutput(`${longest}\n${tooLong}`).appliedEdits).toEqual([longest.slice(prefix.length)]);
  });

  it('keeps the first 500 characters of a long error line', () => {
    const [error] = parseAiderOutput(`litellm.APIError: ${'x'.repeat(2000)}`).llmErrors;
    expect(error).toHaveLength(500);
    expect(error!.startsWith('litellm.APIError: xxx')).toBe(true);
  });

  it('reads lines as they stream in, one push at a time', () => {
    const parser = new AiderOutputParser();
    parser.push('Applied edit to  src/spaced.py ');
    parser.push('');
    parser.push('Only 3 reflections allowed, stopping');
    expect(parser.report()).toMatchObject({ appliedEdits: ['src/spaced.py'], reflectionsExhausted: true });
  });
});

describe('lines Aider did not print itself', () => {
  it('does not count prose that quotes Aider’s words in the middle of a line', () => {
    const report = parseAiderOutput(
      [
        'The log said Applied edit to src/a.py earlier',
        'See Commit 1a2b3c4 fix: something in the history',
        'Aider would print: Only 3 reflections allowed, stopping.',
        'If you see API Error: quota, raise the limit',
      ].join('\n'),
    );
    expect(report).toMatchObject({
      appliedEdits: [],
      commits: [],
      reflectionsExhausted: false,
      llmErrors: [],
    });
  });

  it('recognises Aider’s own error lines, the reflection limit at any count, and a context window overflow', () => {
    const report = parseAiderOutput(
      [
        'API Error: the provider refused the request',
        'Unexpected error: connection reset',
        'Only 10 reflections allowed, stopping.',
        'Error: the prompt exceeds the 200000-token context window of this model',
      ].join('\n'),
    );
    expect(report.reflectionsExhausted).toBe(true);
    expect(report.llmErrors).toEqual([
      'API Error: the provider refused the request',
      'Unexpected error: connection reset',
      'Error: the prompt exceeds the 200000-token context window of this model',
    ]);
  });
});

describe('numbers in Aider’s reports', () => {
  it('reads session costs of $10 or more, and whole-dollar amounts', () => {
    expect(
      parseAiderOutput('Tokens: 1.2M sent, 80k received. Cost: $12.50 message, $134.07 session.').usage,
    ).toEqual({
      tokensSent: 1_200_000,
      tokensReceived: 80_000,
      costUsd: 134.07,
    });
    expect(parseAiderOutput('Cost: $10 message, $25 session.').usage.costUsd).toBe(25);
  });

  it('reads token counts only when the whole text is a count', () => {
    expect(parseTokenCount(' 12k ')).toBe(12_000);
    expect(parseTokenCount('1.25k')).toBe(1250);
    expect(parseTokenCount('x12k')).toBeNaN();
    expect(parseTokenCount('12kx')).toBeNaN();
    expect(parseTokenCount('12 k')).toBeNaN();
  });
});

describe('what Aider’s failures mean', () => {
  it('shows every line as printed and reports a clean run as neither rate-limited nor fatal', () => {
    const parser = new AiderOutputParser();
    expect(parser.push('  Applied edit to a.py')).toEqual(['  Applied edit to a.py']);
    expect(parser.report()).toMatchObject({ rateLimited: false, fatal: null, incomplete: null });
  });

  it('calls a missing model fatal only on Aider’s own line, with or without its full stop', () => {
    const fatal = (text: string) => parseAiderOutput(text).fatal;
    expect(fatal('No LLM model was specified and no API keys were provided')).toEqual({
      kind: 'config',
      detail: 'No LLM model was specified and no API keys were provided',
    });
    expect(fatal('Note: No LLM model was specified and no API keys were provided.')).toBeNull();
    expect(fatal('No LLM model was specified and no API keys were provided. Opening OpenRouter')).toBeNull();
    expect(fatal('the log says aider: error: unrecognized arguments: --x')).toBeNull();
  });

  it('keeps the first 300 characters of a fatal line as its detail', () => {
    const long = `aider: error: argument --model: ${'m'.repeat(400)}`;
    expect(parseAiderOutput(long).fatal).toEqual({ kind: 'config', detail: long.slice(0, 300) });
    const auth = `litellm.AuthenticationError: invalid api key ${'k'.repeat(400)}`;
    expect(parseAiderOutput(auth).fatal).toEqual({ kind: 'auth', detail: auth.slice(0, 300) });
  });

  it('calls a model error fatal only when it says authentication failed, and a rate limit only when it says so', () => {
    const notAuth = parseAiderOutput('litellm.APIError: upstream said 401 Unauthorized to the proxy');
    expect(notAuth).toMatchObject({ fatal: null, rateLimited: false });
    expect(parseAiderOutput('litellm.APIConnectionError: connection refused')).toMatchObject({
      fatal: null,
      rateLimited: false,
    });
    expect(parseAiderOutput('litellm.RateLimitError: 429 slow down').rateLimited).toBe(true);
  });
});
