import { describe, expect, it } from 'vitest';
import { seatbeltProfile } from '../../../../src-main/engine/agent/sandbox/seatbelt-profile.ts';

const policy = {
  writable: ['/Users/u/Library/Application Support/CodingWorker/jobs/j1'],
  readOnly: ['/Users/u/Library/Application Support/CodingWorker/jobs/j1/ro'],
  hidden: [
    { path: '/Users/u/Library/Application Support/CodingWorker', kind: 'dir' as const },
    { path: '/Users/u/.netrc', kind: 'file' as const },
  ],
  allowedHosts: ['api.openai.com:443'],
};

describe('the Seatbelt profile', () => {
  it('denies writes but to the writable folders, hides secrets, and lets a writable folder inside a hidden one back in', () => {
    const profile = seatbeltProfile({ policy, proxyPort: 4321 });
    const lines = profile.trim().split('\n');
    const at = (text: string) => lines.findIndex((line) => line.includes(text));
    expect(lines[0]).toBe('(version 1)');
    expect(at('(deny file-write*)')).toBeGreaterThan(0);
    expect(lines).toContain('(deny file-read* file-write* (literal "/Users/u/.netrc"))');
    const hide = at(
      '(deny file-read* file-write* (subpath "/Users/u/Library/Application Support/CodingWorker"))',
    );
    const reallow = at(
      '(allow file-read* file-write* (subpath "/Users/u/Library/Application Support/CodingWorker/jobs/j1"))',
    );
    const readOnly = at(
      '(deny file-write* (subpath "/Users/u/Library/Application Support/CodingWorker/jobs/j1/ro"))',
    );
    expect(hide).toBeGreaterThan(0);
    expect(reallow).toBeGreaterThan(hide);
    expect(readOnly).toBeGreaterThan(reallow);
  });

  it('refuses all network but the proxy port, and other processes', () => {
    const profile = seatbeltProfile({ policy, proxyPort: 4321 });
    expect(profile).toContain('(deny network*)\n(allow network-outbound (remote ip "localhost:4321"))');
    expect(profile).toContain('(deny process-info*)');
    expect(seatbeltProfile({ policy, proxyPort: null })).not.toContain('allow network');
  });

  it('quotes paths and refuses ones it cannot quote', () => {
    const quoted = seatbeltProfile({ policy: { ...policy, writable: ['/tmp/a "b" \\c'] }, proxyPort: null });
    expect(quoted).toContain('(subpath "/tmp/a \\"b\\" \\\\c")');
    expect(() =>
      seatbeltProfile({ policy: { ...policy, writable: ['/tmp/a\n(allow default)'] }, proxyPort: null }),
    ).toThrow(/cannot put/);
    expect(() => seatbeltProfile({ policy: { ...policy, writable: ['relative'] }, proxyPort: null })).toThrow(
      /cannot put/,
    );
  });
});
