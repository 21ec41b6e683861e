/**
 * Reading the AWS SDK's errors: the SDK reports a service error by `name` (the JSON protocol's
 * `__type`) and, for the query-compatible SQS API, also by `Code` ("AWS.SimpleQueueService.…").
 * Network failures arrive as Node system errors with a `code` ("ECONNREFUSED").
 */
import { describeError } from '../../../shared/describe-error.ts';

/** Every name an error goes by: `name`, the query-compatible `Code`, and a Node system `code`. */
export function errorNames(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) return [];
  const record = error as Record<string, unknown>;
  const names: string[] = [];
  for (const key of ['name', 'Code', 'code', '__type']) {
    const value = record[key];
    if (typeof value === 'string' && value.length > 0) {
      names.push(value, value.replace(/^.*[#]/, '').replace(/^AWS\.SimpleQueueService\./, ''));
    }
  }
  return [...new Set(names)];
}

export function hasErrorName(error: unknown, ...wanted: readonly string[]): boolean {
  const names = errorNames(error);
  return wanted.some((name) => names.includes(name));
}

/** shared/describe-error.ts's describeError under its old name, which stays until the move pass. */
export const errorMessage = describeError;

/**
 * True when SQS says the receipt handle no longer holds the message: it was deleted, became visible
 * again, or was received by someone else. AWS reports an expired handle as InvalidParameterValue.
 */
export function isReceiptGoneError(error: unknown): boolean {
  if (hasErrorName(error, 'MessageNotInflight', 'ReceiptHandleIsInvalid')) return true;
  return hasErrorName(error, 'InvalidParameterValue') && /receipt ?handle/i.test(errorMessage(error));
}

/** True when the SQS endpoint does not implement an action (fauxqs has no message move tasks). */
export function isUnsupportedActionError(error: unknown): boolean {
  return hasErrorName(
    error,
    'InvalidAction',
    'UnsupportedOperation',
    'UnknownOperation',
    'UnknownOperationException',
  );
}

export function isAccessDeniedError(error: unknown): boolean {
  return hasErrorName(error, 'AccessDenied', 'AccessDeniedException');
}

/** The AbortError the SDK throws when a request's abortSignal fires. */
export function isAbortError(error: unknown): boolean {
  return hasErrorName(error, 'AbortError');
}
