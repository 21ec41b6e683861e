import { describe, expect, it } from 'vitest';
import { commandParams, type SecretResult } from '../../../shared/bridge.ts';
import { translator } from '../../../src-renderer/i18n/i18n.ts';
import { en, ja } from '../../../shared/i18n/ui-messages.ts';
import {
  removeResultView,
  saveResultView,
  tokenProblem,
  tokenProblemMessage,
  type TokenProblem,
} from '../../../src-renderer/settings/github-token.ts';

const token = (length: number) => 'ghp_'.padEnd(length, 'x');
const english = translator('en');

describe('GitHub token check', () => {
  it('accepts tokens of 20 to 255 characters without whitespace', () => {
    expect(tokenProblem(token(20))).toBeNull();
    expect(tokenProblem(token(40))).toBeNull();
    expect(tokenProblem(`github_pat_${'A1_b'.repeat(20)}`)).toBeNull();
    expect(tokenProblem(token(255))).toBeNull();
  });

  it('asks for a token when the field is empty', () => {
    expect(tokenProblem('')).toBe('empty');
  });

  it('rejects spaces, tabs and line breaks anywhere, even in a token of the right length', () => {
    for (const text of [
      ' ',
      `${token(40)} `,
      ` ${token(40)}`,
      `ghp_abc def${'x'.repeat(30)}`,
      `${token(30)}\t`,
    ]) {
      expect(tokenProblem(text), JSON.stringify(text)).toBe('whitespace');
    }
    expect(tokenProblem(`${token(30)}\n`)).toBe('whitespace');
    expect(tokenProblem(`${token(30)}\u00a0`)).toBe('whitespace');
  });

  it('rejects tokens shorter than 20 or longer than 255 characters', () => {
    expect(tokenProblem('x')).toBe('too-short');
    expect(tokenProblem(token(19))).toBe('too-short');
    expect(tokenProblem(token(256))).toBe('too-long');
    expect(tokenProblem(token(5000))).toBe('too-long');
  });

  it('agrees with the setGitHubToken schema the worker checks with', () => {
    const samples = [
      '',
      ' ',
      token(19),
      token(20),
      token(255),
      token(256),
      `${token(30)} `,
      `${token(30)}\r\n`,
      `${token(30)}\u2028`,
      `${token(30)}\ufeff`,
      'ｇｈｐ'.padEnd(25, 'ト'),
      '😀'.repeat(10),
      '😀'.repeat(9) + 'x',
      '😀'.repeat(128),
    ];
    for (const text of samples) {
      const schemaAccepts = commandParams.setGitHubToken.safeParse({ token: text }).success;
      expect(tokenProblem(text) === null, JSON.stringify(text)).toBe(schemaAccepts);
    }
  });

  it('has a message for every problem, in English and Japanese', () => {
    const problems: TokenProblem[] = ['empty', 'whitespace', 'too-short', 'too-long'];
    const keys = problems.map(tokenProblemMessage);
    expect(new Set(keys).size).toBe(problems.length);
    for (const key of keys) {
      expect(en[key]).toBeTruthy();
      expect(ja[key]).toBeTruthy();
    }
    expect(english(tokenProblemMessage('too-short'))).toContain('20');
    expect(english(tokenProblemMessage('too-long'))).toContain('255');
  });
});

describe('GitHub token results', () => {
  const saved = (result: SecretResult, host: 'web' | 'electron' = 'electron') => {
    const view = saveResultView(result, host);
    return { result: view.result, ok: view.ok, text: english(view.message) };
  };

  it('says a stored token is used after a restart', () => {
    expect(saved({ stored: true, reason: null })).toEqual({
      result: 'stored',
      ok: true,
      text: 'Saved in the keychain. Restart CodingWorker to use it.',
    });
  });

  it('explains that Linux basic text storage is refused, and what to do instead', () => {
    for (const host of ['electron', 'web'] as const) {
      expect(saved({ stored: false, reason: 'basic-text' }, host)).toEqual({
        result: 'basic-text',
        ok: false,
        text: 'This system has no secure keychain (Linux basic text storage), so the token was not saved. Set GITHUB_TOKEN in the environment instead.',
      });
    }
  });

  it('says the keychain is unavailable in the app', () => {
    expect(saved({ stored: false, reason: 'unavailable' })).toEqual({
      result: 'unavailable',
      ok: false,
      text: 'The keychain is not available right now.',
    });
  });

  it('tells a browser that the headless worker reads its token from its environment and cannot store one', () => {
    const view = saved({ stored: false, reason: 'unavailable' }, 'web');
    expect(view).toMatchObject({ result: 'unavailable', ok: false });
    expect(view.text).toContain('GITHUB_TOKEN');
    expect(view.text).toContain('`gh auth token`');
    expect(view.text).toContain('cannot store tokens');
  });

  it('treats a refusal without a reason as unavailable, never as stored', () => {
    expect(saved({ stored: false, reason: null })).toMatchObject({ result: 'unavailable', ok: false });
  });

  it('reports a removal, or that this host has no keychain to remove from', () => {
    expect(removeResultView({ cleared: true }, 'electron')).toEqual({
      result: 'removed',
      ok: true,
      message: 'settings.token.removed',
    });
    expect(removeResultView({ cleared: false }, 'electron')).toEqual({
      result: 'unavailable',
      ok: false,
      message: 'settings.token.unavailable',
    });
    expect(removeResultView({ cleared: false }, 'web')).toEqual({
      result: 'unavailable',
      ok: false,
      message: 'settings.token.unavailableWeb',
    });
  });
});
