/**
 * The GitHub token section's logic: the client-side check of a token (the setGitHubToken schema's
 * rule /^\S{20,255}$/, split so each failure gets its own message; a unit test holds the two to the
 * same verdicts) and what to tell the user about the worker's answer. Pure; nothing here keeps a token.
 */
import type { Bridge, SecretResult } from '../../shared/bridge.ts';
import type { MessageKey } from '../../shared/i18n/ui-messages.ts';

export type TokenProblem = 'empty' | 'whitespace' | 'too-short' | 'too-long';

export const TOKEN_MIN_LENGTH = 20;
export const TOKEN_MAX_LENGTH = 255;

/** Why `text` cannot be sent as a token, or null when the worker's schema accepts it. */
export function tokenProblem(text: string): TokenProblem | null {
  if (text === '') return 'empty';
  // Pasted tokens often carry a space or line break the password field hides: say so.
  if (/\s/.test(text)) return 'whitespace';
  if (text.length < TOKEN_MIN_LENGTH) return 'too-short';
  if (text.length > TOKEN_MAX_LENGTH) return 'too-long';
  return null;
}

const PROBLEM_MESSAGES: Readonly<Record<TokenProblem, MessageKey>> = {
  empty: 'settings.token.problem.empty',
  whitespace: 'settings.token.problem.whitespace',
  'too-short': 'settings.token.problem.too-short',
  'too-long': 'settings.token.problem.too-long',
};

export function tokenProblemMessage(problem: TokenProblem): MessageKey {
  return PROBLEM_MESSAGES[problem];
}

/**
 * What a save or remove came to, as shown (data-result): the token is in the keychain, it was
 * removed, or why it could not be stored.
 */
export type TokenResult = 'stored' | 'removed' | 'basic-text' | 'unavailable';

export interface TokenResultView {
  readonly result: TokenResult;
  readonly message: MessageKey;
  /** False when the user's intent did not happen. */
  readonly ok: boolean;
}

type Host = Bridge['host'];

/** The headless worker has no keychain: in a browser, say where its token comes from instead. */
export function unavailableMessage(host: Host): MessageKey {
  return host === 'web' ? 'settings.token.unavailableWeb' : 'settings.token.unavailable';
}

export function saveResultView(answer: SecretResult, host: Host): TokenResultView {
  if (answer.stored) return { result: 'stored', message: 'settings.token.stored', ok: true };
  if (answer.reason === 'basic-text') {
    return { result: 'basic-text', message: 'settings.token.basicText', ok: false };
  }
  return { result: 'unavailable', message: unavailableMessage(host), ok: false };
}

export function removeResultView(answer: { readonly cleared: boolean }, host: Host): TokenResultView {
  if (answer.cleared) return { result: 'removed', message: 'settings.token.removed', ok: true };
  return { result: 'unavailable', message: unavailableMessage(host), ok: false };
}
