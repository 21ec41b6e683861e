import { describe, expect, it } from 'vitest';
import { parseAiderOutput, parseTokenCount } from '../../../src-main/engine/agent/aider-output.ts';

// Transcripts in the shape Aider prints with --no-pretty (aider/coders/base_coder.py, aider/repo.py).
const SUCCESSFUL_RUN = `Aider v0.86.1
Main model: anthropic/claude-sonnet-4-20250514 with diff edit format, infinite output
Weak model: anthropic/claude-3-5-haiku-20241022
Git repo: .git with 42 files
Repo-map: using 4096 tokens, auto refresh

I'll change the greeting.

src/greet.py
<<<<<<< SEARCH
    return f"Hello, {name}"
=======
    return "Hello, world"
>>>>>>> REPLACE

Tokens: 4.1k sent, 312 received. Cost: $0.02 message, $0.02 session.
Applied edit to src/greet.py
Commit 3f2a1b9 fix: Greet the world instead of the user

Now the test.

tests/test_greet.py
<<<<<<< SEARCH
=======
def test_greet():
    assert greet("x") == "Hello, world"
>>>>>>> REPLACE

Tokens: 12k sent, 8.2k cache write, 3.1k cache hit, 1.4k received.
Cost: $0.05 message, $0.07 session.
Applied edit to tests/test_greet.py
Applied edit to src/greet.py
Commit 9c8d7e6 test: Cover the world greeting
`;

// From a real report (Aider-AI/aider#1490): a wrong key, after which Aider exits 0.
const AUTH_FAILURE = `Aider v0.56.0
Main model: claude-3-5-sonnet-20240620 with diff edit format, infinite output
Git repo: .git with 12 files
Unexpected error: litellm.AuthenticationError: AnthropicException - b'{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}'
The API provider is not able to authenticate you. Check your API key.
`;

const CONNECTION_RETRIES = `litellm.APIConnectionError: APIConnectionError: OpenAIException - Connection error.
Retrying in 0.2 seconds...
litellm.APIConnectionError: APIConnectionError: OpenAIException - Connection error.
Retrying in 0.5 seconds...
`;

const FORMAT_FAILURE = `Tokens: 6.2k sent, 679 received.
The LLM did not conform to the edit format.
https://aider.chat/docs/troubleshooting/edit-errors.html
gatekeeper.py
/root/dex-local/gatekeeper.py: file not found error
Only 3 reflections allowed, stopping.
`;

describe('reading Aider output', () => {
  it('collects applied edits, commits and the summed token counts with the session cost', () => {
    const report = parseAiderOutput(SUCCESSFUL_RUN);
    expect(report.appliedEdits).toEqual(['src/greet.py', 'tests/test_greet.py']);
    expect(report.commits).toEqual([
      { hash: '3f2a1b9', message: 'fix: Greet the world instead of the user' },
      { hash: '9c8d7e6', message: 'test: Cover the world greeting' },
    ]);
    expect(report.usage).toEqual({ tokensSent: 16_100, tokensReceived: 1_712, costUsd: 0.07 });
    expect(report.llmErrors).toEqual([]);
    expect(report.reflectionsExhausted).toBe(false);
  });

  it('recognises an authentication failure that Aider survives with exit code 0', () => {
    const report = parseAiderOutput(AUTH_FAILURE);
    expect(report.llmErrors).toHaveLength(2);
    expect(report.llmErrors[0]).toContain('litellm.AuthenticationError');
    expect(report.usage).toEqual({ tokensSent: null, tokensReceived: null, costUsd: null });
  });

  it('recognises connection errors and keeps only the first few of a long series', () => {
    expect(parseAiderOutput(CONNECTION_RETRIES).llmErrors).toHaveLength(2);
    expect(parseAiderOutput(CONNECTION_RETRIES.repeat(50)).llmErrors).toHaveLength(20);
  });

  it('recognises a model that could not follow the edit format, with tokens but no cost', () => {
    const report = parseAiderOutput(FORMAT_FAILURE);
    expect(report.reflectionsExhausted).toBe(true);
    expect(report.malformedResponses).toBe(1);
    expect(report.usage).toEqual({ tokensSent: 6200, tokensReceived: 679, costUsd: null });
  });

  it('reads Aider’s compact token counts', () => {
    expect(parseTokenCount('345')).toBe(345);
    expect(parseTokenCount('1.2k')).toBe(1200);
    expect(parseTokenCount('12k')).toBe(12_000);
    expect(parseTokenCount('1.5M')).toBe(1_500_000);
    expect(parseTokenCount('many')).toBeNaN();
  });

  it('reads small costs printed with more decimals', () => {
    const report = parseAiderOutput(
      'Tokens: 900 sent, 40 received. Cost: $0.00081 message, $0.0012 session.',
    );
    expect(report.usage).toEqual({ tokensSent: 900, tokensReceived: 40, costUsd: 0.0012 });
  });

  it('only counts lines that begin with Aider’s own words', () => {
    const report = parseAiderOutput(
      'I applied edit to nothing; see "Commit history" above.\n  Applied edit to x (quoted in code)',
    );
    expect(report.commits).toEqual([]);
    expect(report.appliedEdits).toEqual(['x (quoted in code)']);
  });

  it('calls a rejected key fatal (Aider exits 0 after it), and a rate limit retryable', () => {
    const auth = parseAiderOutput(
      [
        'litellm.AuthenticationError: AuthenticationError: OpenAIException - Incorrect API key provided',
        'The API provider is not able to authenticate you. Check your API key.',
      ].join('\n'),
    );
    expect(auth.fatal?.kind).toBe('auth');
    const limited = parseAiderOutput(
      'litellm.RateLimitError: RateLimitError: OpenAIException - 429 slow down',
    );
    expect(limited).toMatchObject({ fatal: null, rateLimited: true });
  });

  it('calls "no model and no key" and rejected flags (an Aider older than 0.64) configuration errors', () => {
    expect(parseAiderOutput('No LLM model was specified and no API keys were provided.').fatal).toEqual({
      kind: 'config',
      detail: 'No LLM model was specified and no API keys were provided.',
    });
    expect(
      parseAiderOutput('aider: error: unrecognized arguments: --no-show-release-notes').fatal?.kind,
    ).toBe('config');
  });
});
