/**
 * Bounding a call in time. Generic: the worker, the lease, the stats watcher and the settlement all
 * bound their calls with these, so they live below every one of them (see the engine layers in
 * eslint.config.js).
 */
import type { Clock } from '../ports/clock.ts';

/**
 * The call gets an AbortSignal that fires after `ms` on the given clock, and the returned promise
 * rejects with a TimeoutError then, even if the call ignores its signal (a request caught by a
 * sleeping laptop can hang forever). A call that ends in time settles as it did. `service` names who
 * did not answer in the error message.
 */
export async function withDeadline<T>(
  clock: Clock,
  ms: number,
  call: (signal: AbortSignal) => Promise<T>,
  service = 'SQS',
): Promise<T> {
  const controller = new AbortController();
  let onTimeout!: () => void;
  const timedOut = new Promise<never>((_, reject) => {
    onTimeout = () => {
      const error = timeoutError(service, ms);
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

function timeoutError(service: string, ms: number): Error {
  return Object.assign(new Error(`${service} did not answer within ${Math.round(ms / 1000)} s`), {
    name: 'TimeoutError',
  });
}

function noop(): void {}
