/** Time, injected so lease and cap logic can be tested with a fake one. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): { cancel(): void };
}

/**
 * The system clock. Its timers are unref'd: a pending lease or backoff timer alone never keeps the
 * process alive. Whatever must keep it alive says so with keepProcessAlive().
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const timer = setTimeout(callback, ms);
    timer.unref?.();
    return { cancel: () => clearTimeout(timer) };
  },
};

/** Far below setInterval's 2^31-1 ms limit; the callback does nothing, so the period hardly matters. */
const KEEP_ALIVE_PERIOD_MS = 60 * 60 * 1000;

/**
 * Holds the process open until released: a running worker waits on unref'd timers and promises
 * (paused, offline backoff), and a headless process with nothing else to do would otherwise exit.
 */
export function keepProcessAlive(): { release(): void } {
  const handle = setInterval(() => {}, KEEP_ALIVE_PERIOD_MS);
  return { release: () => clearInterval(handle) };
}
