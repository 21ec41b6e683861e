/**
 * Turns an SQS SDK error into something a user can act on: a stable code the UI picks a hint by, and
 * one sentence instead of a stack trace. Pure: no I/O, no clock.
 */
import { errorMessage, errorNames } from './sqs-errors.ts';

export type SqsErrorCode = 'network' | 'credentials' | 'queue-not-found' | 'access-denied' | 'unknown';

export interface ClassifiedSqsError {
  readonly code: SqsErrorCode;
  readonly message: string;
}

export interface ClassifyContext {
  /** The AWS profile in use, to name it in "no credentials" messages. */
  readonly profile?: string | null;
  readonly queueUrl?: string | null;
}

const REJECTED_CREDENTIALS = [
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'IncompleteSignature',
  'InvalidAccessKeyId',
  'MissingAuthenticationToken',
];
const EXPIRED_CREDENTIALS = ['ExpiredToken', 'ExpiredTokenException', 'RequestExpired'];
const ACCESS_DENIED = ['AccessDenied', 'AccessDeniedException', 'KMS.AccessDeniedException'];
const QUEUE_NOT_FOUND = ['QueueDoesNotExist', 'NonExistentQueue', 'AWS.SimpleQueueService.NonExistentQueue'];
const NETWORK = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ECONNABORTED',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'NetworkingError',
];

export function classifySqsError(error: unknown, context: ClassifyContext = {}): ClassifiedSqsError {
  const names = collectNames(error);
  const has = (list: readonly string[]) => list.some((name) => names.includes(name));
  const message = errorMessage(error);

  if (names.includes('CredentialsProviderError') || /could not load credentials/i.test(message)) {
    return {
      code: 'credentials',
      message: context.profile
        ? `no AWS credentials for profile ${context.profile}`
        : 'no AWS credentials found (set a profile, or sign in with `aws sso login`)',
    };
  }
  if (names.includes('TokenProviderError') || /\bsso\b.*expired/i.test(message)) {
    const login = context.profile ? `aws sso login --profile ${context.profile}` : 'aws sso login';
    return { code: 'credentials', message: `the AWS sign-in has expired: run \`${login}\`` };
  }
  if (has(EXPIRED_CREDENTIALS)) {
    return { code: 'credentials', message: 'AWS credentials were rejected: the session token has expired' };
  }
  if (has(REJECTED_CREDENTIALS)) {
    return {
      code: 'credentials',
      message: `AWS credentials were rejected (${firstOf(names, REJECTED_CREDENTIALS)})`,
    };
  }
  if (has(QUEUE_NOT_FOUND)) {
    return {
      code: 'queue-not-found',
      message: context.queueUrl
        ? `the queue does not exist: ${context.queueUrl}`
        : 'the queue does not exist',
    };
  }
  if (has(ACCESS_DENIED)) {
    return {
      code: 'access-denied',
      message: 'access to the queue was denied: check the IAM policy of these credentials',
    };
  }
  if (has(NETWORK)) {
    return { code: 'network', message: `cannot reach SQS (${firstOf(names, NETWORK)})` };
  }
  const status = httpStatus(error);
  if ((status !== null && (status >= 500 || status === 429)) || names.includes('ThrottlingException')) {
    return { code: 'network', message: `SQS is unavailable (HTTP ${status ?? 429})` };
  }
  const name = names.find((n) => n !== 'Error') ?? 'Error';
  return { code: 'unknown', message: `${name}: ${firstLine(message)}` };
}

/** Names of the error and of its causes (the SDK sometimes wraps a system error). */
function collectNames(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    names.push(...errorNames(current));
    current = typeof current === 'object' && current !== null && 'cause' in current ? current.cause : null;
  }
  return names;
}

function httpStatus(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return null;
  const metadata = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata;
  return typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : null;
}

function firstOf(names: readonly string[], list: readonly string[]): string {
  return list.find((name) => names.includes(name)) ?? list[0]!;
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
