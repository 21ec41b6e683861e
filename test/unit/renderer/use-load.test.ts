import { describe, expect, it } from 'vitest';
import { shownLoad, startLoad, type KeyedLoad } from '../../../src-renderer/common/use-load.ts';

const ready = (key: string, value: string): KeyedLoad<string> => ({ key, state: { status: 'ready', value } });

describe('loading by key', () => {
  it('starts from loading when the key changes, never showing the previous key’s value', () => {
    const a = ready('job-a', 'log of A');
    expect(startLoad(a, 'job-b')).toEqual({ key: 'job-b', state: { status: 'loading' } });
    // Before the effect has even run, job B shows loading, not A's log.
    expect(shownLoad(a, 'job-b')).toEqual({ status: 'loading' });
  });

  it('keeps the shown value while the same key reloads', () => {
    const a = ready('job-a', 'log of A');
    expect(startLoad(a, 'job-a')).toBe(a);
    expect(shownLoad(a, 'job-a')).toEqual({ status: 'ready', value: 'log of A' });
  });

  it('shows loading again when reloading after an error', () => {
    const failed: KeyedLoad<string> = {
      key: 'k',
      state: { status: 'error', error: { key: 'error.failed', detail: '' } as never },
    };
    expect(startLoad(failed, 'k').state).toEqual({ status: 'loading' });
  });
});
