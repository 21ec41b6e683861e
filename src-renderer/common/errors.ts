/** What went wrong with a command, in terms the UI can word: which message, and the detail. Pure. */
import type { MessageKey } from '../../shared/i18n/ui-messages.ts';
import { describeError as errorText } from '../../shared/describe-error.ts';

export interface ErrorInfo {
  readonly key: Extract<MessageKey, `error.${string}`>;
  readonly detail: string;
}

export function describeError(error: unknown): ErrorInfo {
  const message = errorText(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (/not available in this build/i.test(message)) return { key: 'error.notAvailable', detail: message };
  if (code === 'unauthorized') return { key: 'error.unauthorized', detail: message };
  if (code === 'unavailable' || /connection to the worker lost/i.test(message)) {
    return { key: 'error.disconnected', detail: message };
  }
  if (code === 'invalid-params') return { key: 'error.invalid', detail: message };
  return { key: 'error.failed', detail: message };
}
