/** Loads something from the bridge, with the loading / ready / error states every panel shows. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError, type ErrorInfo } from './errors.ts';

export type Loadable<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'error'; readonly error: ErrorInfo };

/** A state together with the key it was loaded for. */
export interface KeyedLoad<T> {
  readonly key: string;
  readonly state: Loadable<T>;
}

/**
 * The state when a load starts: a reload() of the same key keeps what is shown (no flicker); a new
 * key starts from loading, never showing the previous key's value. Pure.
 */
export function startLoad<T>(previous: KeyedLoad<T>, key: string): KeyedLoad<T> {
  if (previous.key === key && previous.state.status === 'ready') return previous;
  return { key, state: { status: 'loading' } };
}

/** What to show for `key`: loading until something was loaded for that very key. Pure. */
export function shownLoad<T>(stored: KeyedLoad<T>, key: string): Loadable<T> {
  return stored.key === key ? stored.state : { status: 'loading' };
}

/** `load` runs on mount, whenever `key` changes, and on reload(); stale answers are dropped. */
export function useLoad<T>(load: () => Promise<T>, key: string): [Loadable<T>, () => void] {
  const [stored, setStored] = useState<KeyedLoad<T>>({ key, state: { status: 'loading' } });
  const [round, setRound] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let current = true;
    setStored((previous) => startLoad(previous, key));
    loadRef.current().then(
      (value) => current && setStored({ key, state: { status: 'ready', value } }),
      (error: unknown) =>
        current && setStored({ key, state: { status: 'error', error: describeError(error) } }),
    );
    return () => {
      current = false;
    };
  }, [key, round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  return [shownLoad(stored, key), reload];
}

/** A command the user runs (a button): its busy flag, its last error, and the runner. */
export function useAction(): {
  busy: boolean;
  error: ErrorInfo | null;
  run: <T>(action: () => Promise<T>) => Promise<T | undefined>;
  clear: () => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const run = useCallback(async <T>(action: () => Promise<T>) => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (caught) {
      setError(describeError(caught));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}
