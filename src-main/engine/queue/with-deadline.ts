/**
 * Bounds an SQS call in time: the call gets an AbortSignal that fires after `ms` on the given clock,
 * and the returned promise rejects with a TimeoutError then, even if the call ignores its signal (a
 * request caught by a sleeping laptop can hang forever). A call that ends in time settles as it did.
 */
import type { Clock } from '../ports/clock.ts';

export async function withDeadline<T>(
  clock: Clock,
  ms: number,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let onTimeout!: () => void;
  const timedOut = new Promise<never>((_, reject) => {
    onTimeout = () => {
      const error = timeoutError(ms);
      controller.abort(error);
      reject(error);
    };
  });
  const timer = clock.setTimeout(() => onTimeout(), ms);
  try {
    return await Promise.race([call(controller.signal), timedOut]);
  } finally {
    timer.cancel();
  }
}

/** Waits for `promise` at most `ms`; resolves either way (for best-effort waits). */
export async function waitAtMost(clock: Clock, ms: number, promise: Promise<unknown>): Promise<void> {
  let resolveTimeout!: () => void;
  const timeout = new Promise<void>((resolve) => (resolveTimeout = resolve));
  const timer = clock.setTimeout(() => resolveTimeout(), ms);
  try {
    await Promise.race([promise.then(noop, noop), timeout]);
  } finally {
    timer.cancel();
  }
}

function timeoutError(ms: number): Error {
  return Object.assign(new Error(`SQS did not answer within ${Math.round(ms / 1000)} s`), {
    name: 'TimeoutError',
  });
}

function noop(): void {}
