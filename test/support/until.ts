/**
 * Waiting for a condition instead of sleeping: polls `check` until it returns a truthy value and
 * resolves with that value, or rejects after `timeout` ms with the last error. The one copy every
 * test shares (no fixed-time sleeps as synchronisation).
 */
import { vi } from 'vitest';

type Maybe<T> = T | undefined | null | false;

export function until<T>(check: () => Maybe<T>, timeout = 10_000): Promise<T> {
  return vi.waitFor(
    () => {
      const value = check();
      if (!value) throw new Error('not yet');
      return value;
    },
    { timeout, interval: 20 },
  );
}

/** The same for a check that has to ask something asynchronous (a queue, a file, an HTTP handler). */
export function untilAsync<T>(check: () => Promise<Maybe<T>>, timeout = 10_000): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await check();
      if (!value) throw new Error('not yet');
      return value;
    },
    { timeout, interval: 50 },
  );
}
