// The pieces every preset's parser shares: which error texts mean a refused key or a rate limit,
// when two usages count as the same (the job view updates only on a change), and which parser
// reads which output format.
import { describe, expect, it } from 'vitest';
import { createOutputParser } from '../../../src-main/engine/agent/agent-output.ts';
import { AUTH_FAILURE, RATE_LIMITED, sameUsage } from '../../../src-main/engine/agent/agent-report.ts';
import { AiderOutputParser } from '../../../src-main/engine/agent/aider-output.ts';
import { ClaudeOutputParser } from '../../../src-main/engine/agent/claude-output.ts';
import { CodexOutputParser } from '../../../src-main/engine/agent/codex-output.ts';

describe('a refused key', () => {
  it.each([
    'unexpected status 401',
    'HTTP 401 Unauthorized',
    'unauthorized',
    'authentication_error',
    'error: authentication_failed',
    'litellm.AuthenticationError: bad key',
    'invalid api key',
    'invalid_api_key',
    'Invalid-API-Key',
    'invalid x-api-key',
    'invalidapikey',
    'Incorrect API key provided',
    'The API provider is not able to authenticate you',
  ])('is recognised in %j', (text) => {
    expect(AUTH_FAILURE.test(text)).toBe(true);
  });

  it.each(['status 4010', 'error 1401', 'authentication pending', 'api key missing', 'rate limited'])(
    'is not read into %j',
    (text) => {
      expect(AUTH_FAILURE.test(text)).toBe(false);
    },
  );
});

describe('a rate limit', () => {
  it.each([
    'status 429',
    'rate limit reached',
    'rate_limit_error',
    'rate-limit',
    'ratelimit',
    'litellm.RateLimitError: slow down',
    '429 Too Many Requests',
    'too many requests',
  ])('is recognised in %j', (text) => {
    expect(RATE_LIMITED.test(text)).toBe(true);
  });

  it.each(['status 4290', 'error 1429', 'rate of change', 'many requests'])('is not read into %j', (text) => {
    expect(RATE_LIMITED.test(text)).toBe(false);
  });
});

describe('sameUsage', () => {
  const usage = { tokensSent: 10, tokensReceived: 2, costUsd: 0.01 };
  it('is true only when tokens in, tokens out and cost all match', () => {
    expect(sameUsage(usage, { ...usage })).toBe(true);
    expect(sameUsage(usage, { ...usage, tokensSent: 11 })).toBe(false);
    expect(sameUsage(usage, { ...usage, tokensReceived: 3 })).toBe(false);
    expect(sameUsage(usage, { ...usage, costUsd: null })).toBe(false);
  });
});

describe('createOutputParser', () => {
  it('gives each preset’s format its own parser', () => {
    expect(createOutputParser('aider')).toBeInstanceOf(AiderOutputParser);
    expect(createOutputParser('claude-stream-json')).toBeInstanceOf(ClaudeOutputParser);
    expect(createOutputParser('codex-json')).toBeInstanceOf(CodexOutputParser);
  });

  it('shows a custom command’s lines as they are and reads nothing from them', () => {
    const parser = createOutputParser('plain');
    expect(parser.push('Applied edit to x.py')).toEqual(['Applied edit to x.py']);
    expect(parser.push('litellm.AuthenticationError: 401')).toEqual(['litellm.AuthenticationError: 401']);
    expect(parser.report()).toEqual({
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
  });
});
