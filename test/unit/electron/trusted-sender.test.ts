import { describe, expect, it } from 'vitest';
import { isTrustedSenderUrl } from '../../../src-main/electron/trusted-sender.ts';

const app = 'file:///Applications/CodingWorker.app/Contents/Resources/app.asar/out/renderer/index.html';

describe('IPC sender check', () => {
  it('trusts our own page', () => {
    expect(isTrustedSenderUrl(`${app}#/history`, app)).toBe(true);
  });

  it.each([
    ['another local file', 'file:///tmp/evil.html'],
    ['a web page', 'https://evil.example/index.html'],
    ['no URL', undefined],
    ['garbage', 'not a url'],
    ['a data URL', 'data:text/html,<script>1</script>'],
  ])('refuses %s', (_what, url) => {
    expect(isTrustedSenderUrl(url, app)).toBe(false);
  });

  it('compares origins for a dev server URL', () => {
    expect(isTrustedSenderUrl('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5174/x', 'http://localhost:5173/')).toBe(false);
  });
});
