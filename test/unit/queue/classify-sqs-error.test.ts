import { describe, expect, it } from 'vitest';
import { classifySqsError } from '../../../src-main/engine/queue/classify-sqs-error.ts';
import { isReceiptGoneError, isUnsupportedActionError } from '../../../src-main/engine/queue/sqs-errors.ts';

/** Errors shaped like the SDK's: a service error carries name (and, for SQS, the query-compatible Code). */
function serviceError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    ...extra,
  });
}

function systemError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:4566`), {
    code,
    errno: -111,
    syscall: 'connect',
  });
}

describe('SQS error classifier', () => {
  it('names the profile when no credentials can be found', () => {
    const error = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    expect(classifySqsError(error, { profile: 'work' })).toEqual({
      code: 'credentials',
      message: 'no AWS credentials for profile work',
    });
    expect(classifySqsError(error).message).toMatch(/^no AWS credentials found/);
  });

  it('reports rejected credentials as such', () => {
    for (const name of ['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch']) {
      expect(
        classifySqsError(serviceError(name, 'The security token included in the request is invalid.')),
      ).toEqual({
        code: 'credentials',
        message: `AWS credentials were rejected (${name})`,
      });
    }
  });

  it('reports an expired session token as rejected credentials', () => {
    expect(
      classifySqsError(serviceError('ExpiredToken', 'The security token included in the request is expired')),
    ).toEqual({
      code: 'credentials',
      message: 'AWS credentials were rejected: the session token has expired',
    });
  });

  it('tells an expired SSO login apart and says how to sign in again', () => {
    const error = Object.assign(new Error('The SSO session associated with this profile has expired.'), {
      name: 'TokenProviderError',
    });
    expect(classifySqsError(error, { profile: 'dev' })).toEqual({
      code: 'credentials',
      message: 'the AWS sign-in has expired: run `aws sso login --profile dev`',
    });
  });

  it('reports access denied', () => {
    expect(
      classifySqsError(serviceError('AccessDenied', 'not authorized to perform sqs:ReceiveMessage')).code,
    ).toBe('access-denied');
    expect(classifySqsError(serviceError('AccessDeniedException', 'nope')).code).toBe('access-denied');
  });

  it('reports a missing queue by name or by its query-compatible code', () => {
    const url = 'https://sqs.eu-west-1.amazonaws.com/123456789012/tasks';
    expect(
      classifySqsError(serviceError('QueueDoesNotExist', 'The specified queue does not exist.'), {
        queueUrl: url,
      }),
    ).toEqual({
      code: 'queue-not-found',
      message: `the queue does not exist: ${url}`,
    });
    const legacy = serviceError('Error', 'gone', { Code: 'AWS.SimpleQueueService.NonExistentQueue' });
    expect(classifySqsError(legacy).code).toBe('queue-not-found');
  });

  it('reports unreachable SQS as a network problem', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT']) {
      expect(classifySqsError(systemError(code))).toEqual({
        code: 'network',
        message: `cannot reach SQS (${code})`,
      });
    }
    expect(classifySqsError(Object.assign(new Error('timed out'), { name: 'TimeoutError' })).code).toBe(
      'network',
    );
    expect(classifySqsError(new Error('wrapped', { cause: systemError('ENOTFOUND') })).code).toBe('network');
  });

  it('reports server errors and throttling as the service being unavailable', () => {
    const error = Object.assign(new Error('Service Unavailable'), {
      name: 'ServiceUnavailable',
      $metadata: { httpStatusCode: 503 },
    });
    expect(classifySqsError(error)).toEqual({ code: 'network', message: 'SQS is unavailable (HTTP 503)' });
  });

  it('keeps anything else to one line with its name, never a stack trace', () => {
    const error = serviceError(
      'InvalidParameterValue',
      'Value 99 for parameter MaxNumberOfMessages is invalid.\n    at somewhere',
    );
    expect(classifySqsError(error)).toEqual({
      code: 'unknown',
      message: 'InvalidParameterValue: Value 99 for parameter MaxNumberOfMessages is invalid.',
    });
    expect(classifySqsError('weird')).toEqual({ code: 'unknown', message: 'Error: weird' });
  });
});

describe('lease and move-task error checks', () => {
  it('recognises a lost receipt handle', () => {
    expect(isReceiptGoneError(serviceError('MessageNotInflight', 'x'))).toBe(true);
    expect(isReceiptGoneError(serviceError('ReceiptHandleIsInvalid', 'x'))).toBe(true);
    expect(
      isReceiptGoneError(serviceError('InvalidParameterValue', 'Reason: The receipt handle has expired.')),
    ).toBe(true);
    expect(isReceiptGoneError(serviceError('InvalidParameterValue', 'VisibilityTimeout is invalid'))).toBe(
      false,
    );
    expect(isReceiptGoneError(systemError('ECONNREFUSED'))).toBe(false);
  });

  it('recognises an endpoint without message move tasks', () => {
    for (const name of [
      'InvalidAction',
      'UnsupportedOperation',
      'UnknownOperation',
      'UnknownOperationException',
    ]) {
      expect(isUnsupportedActionError(serviceError(name, 'Unknown action: StartMessageMoveTask'))).toBe(true);
    }
    expect(isUnsupportedActionError(serviceError('QueueDoesNotExist', 'x'))).toBe(false);
  });
});
