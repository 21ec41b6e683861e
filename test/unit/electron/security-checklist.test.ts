// Static checks for the Electron security checklist, over the sources and the built page: a strict
// CSP, one place that creates windows, one that registers IPC handlers, one that opens URLs, and a
// renderer that never injects HTML or evaluates strings. Runtime checks live in test/e2e/electron.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const shellDir = join(root, 'src-main/electron');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** The CSP of an HTML page's meta tag, as directive → sources. */
function metaCsp(html: string): Map<string, string[]> {
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  expect(match, 'a Content-Security-Policy meta tag').not.toBeNull();
  return new Map(
    match![1]!
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

function expectStrictCsp(html: string): void {
  const csp = metaCsp(html);
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.get('style-src')).toEqual(["'self'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
  expect(csp.get('form-action')).toEqual(["'none'"]);
  for (const [name, sources] of csp) {
    for (const source of sources) {
      expect(source, `${name} ${source}`).not.toMatch(/unsafe-|^\*$|^https?:|^blob:|^ws:$/);
      if (name !== 'img-src') expect(source, `${name} ${source}`).not.toBe('data:');
    }
  }
  expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
  // The socket is the headless server's, on loopback only.
  for (const source of csp.get('connect-src') ?? []) {
    expect(source).toMatch(/^('self'|ws:\/\/(127\.0\.0\.1|localhost):\*)$/);
  }
  // No inline scripts or inline event handlers for the CSP to have to allow.
  for (const script of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    expect(script[1], 'scripts load from files').toMatch(/\bsrc=/);
    expect(script[2]!.trim()).toBe('');
  }
  expect(html).not.toMatch(/\son[a-z]+=/i);
  expect(html).not.toMatch(/\sstyle=/i);
}

describe('Content-Security-Policy', () => {
  it('is strict in the source page', () => {
    expectStrictCsp(read('src-renderer/index.html'));
  });

  const built = join(root, 'out/renderer/index.html');
  it.skipIf(!existsSync(built))('is strict in the built page (out/renderer/index.html)', () => {
    const html = readFileSync(built, 'utf8');
    expectStrictCsp(html);
    expect(metaCsp(html)).toEqual(metaCsp(read('src-renderer/index.html')));
  });
});

describe('the shell', () => {
  const sources = files(shellDir, /\.ts$/).map((path) => ({ path, text: read(path) }));
  const using = (pattern: RegExp) => sources.filter((s) => pattern.test(s.text)).map((s) => s.path);

  it('creates windows in window.ts only, always with the secure webPreferences', () => {
    expect(using(/new BrowserWindow\(/)).toEqual(['src-main/electron/window.ts']);
    expect(read('src-main/electron/window.ts')).toMatch(
      /webPreferences: \{ \.\.\.SECURE_WEB_PREFERENCES, preload/,
    );
    expect(using(/webPreferences/).sort()).toEqual([
      'src-main/electron/web-preferences.ts',
      'src-main/electron/window.ts',
    ]);
  });

  it('registers IPC handlers in ipc.ts only, checking the sender before anything else', () => {
    expect(using(/\bipcMain\b/)).toEqual(['src-main/electron/ipc.ts']);
    const ipc = read('src-main/electron/ipc.ts');
    expect(ipc.indexOf('isTrustedSenderUrl(')).toBeGreaterThan(0);
    expect(ipc.indexOf('isTrustedSenderUrl(')).toBeLessThan(ipc.indexOf('parseCommand('));
    expect(ipc).not.toMatch(/ipcMain\.on\(/);
  });

  it('opens URLs in open-external.ts only, after the allow-check', () => {
    expect(using(/shell\.openExternal\(|shell\.openPath\(/)).toEqual(['src-main/electron/open-external.ts']);
    const open = read('src-main/electron/open-external.ts');
    expect(open.indexOf('checkExternalUrl(')).toBeLessThan(open.indexOf('shell.openExternal('));
  });

  it('has a preload that exposes one object and imports only contextBridge and ipcRenderer', () => {
    const preload = read('src-main/electron/preload.ts');
    expect([...preload.matchAll(/exposeInMainWorld\(/g)]).toHaveLength(1);
    expect(preload).toMatch(
      /import \{ contextBridge, ipcRenderer, type IpcRendererEvent \} from 'electron';/,
    );
    expect(preload).not.toMatch(/process\.|require\(|\bremote\b/);
    // Bundled whole into a sandboxed CJS file: nothing heavy (zod) may come in.
    const imports = [...preload.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports).toEqual(['electron', '../../shared/command-names.ts']);
  });

  it('never turns off the checklist anywhere', () => {
    for (const { path, text } of sources) {
      expect(text, path).not.toMatch(
        /contextIsolation:\s*false|sandbox:\s*false|nodeIntegration:\s*true|webSecurity:\s*false/,
      );
      expect(text, path).not.toMatch(/allowRunningInsecureContent:\s*true|webviewTag:\s*true/);
    }
  });
});

describe('the renderer', () => {
  const sources = files(join(root, 'src-renderer'), /\.(ts|tsx)$/).map((path) => ({
    path,
    text: read(path),
  }));

  it('never injects HTML or evaluates strings', () => {
    for (const { path, text } of sources) {
      expect(text, path).not.toMatch(
        /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/,
      );
      expect(text, path).not.toMatch(/\beval\(|new Function\(|setTimeout\(\s*['"`]/);
    }
  });
});
