// Builds the real tray window against a stand-in BrowserWindow and checks the security checklist:
// webPreferences, navigation and window.open denied, webviews refused, permissions denied.
import { describe, expect, it, vi } from 'vitest';

type Listener = (event: { preventDefault(): void }) => void;
const created: Array<{
  options: { webPreferences: Record<string, unknown>; [key: string]: unknown };
  on: Map<string, Listener>;
  openHandler: (details: unknown) => unknown;
  permissionRequest: (c: unknown, permission: string, cb: (ok: boolean) => void) => void;
  permissionCheck: (c: unknown, permission: string) => boolean;
}> = [];

vi.mock('electron', () => ({
  screen: {},
  BrowserWindow: class {
    webContents: unknown;
    constructor(options: never) {
      const record = {
        options,
        on: new Map(),
        openHandler: () => null,
        permissionRequest: () => {},
        permissionCheck: () => true,
      } as never as (typeof created)[number];
      created.push(record);
      this.webContents = {
        setWindowOpenHandler: (handler: never) => (record.openHandler = handler),
        on: (name: string, listener: Listener) => record.on.set(name, listener),
        session: {
          setPermissionRequestHandler: (handler: never) => (record.permissionRequest = handler),
          setPermissionCheckHandler: (handler: never) => (record.permissionCheck = handler),
        },
      };
    }
  },
}));

const { createTrayWindow } = await import('../../../src-main/electron/window.ts');
const { SECURE_WEB_PREFERENCES } = await import('../../../src-main/electron/web-preferences.ts');

describe('tray window', () => {
  createTrayWindow('/app/out/preload/preload.cjs');
  const window = created[0]!;

  it('is isolated, sandboxed and has no Node', () => {
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      preload: '/app/out/preload/preload.cjs',
    });
    expect(window.options.webPreferences).toEqual({
      ...SECURE_WEB_PREFERENCES,
      preload: '/app/out/preload/preload.cjs',
    });
  });

  it('is a frameless window kept out of the taskbar', () => {
    expect(window.options).toMatchObject({ frame: false, show: false, skipTaskbar: true });
  });

  it('denies window.open', () => {
    expect(window.openHandler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'])(
    'prevents %s',
    (name) => {
      const event = { preventDefault: vi.fn() };
      window.on.get(name)!(event);
      expect(event.preventDefault).toHaveBeenCalled();
    },
  );

  it('denies web permissions except clipboard writes', () => {
    const answers: Record<string, boolean> = {};
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
    ]) {
      window.permissionRequest(null, permission, (ok) => (answers[permission] = ok));
      expect(window.permissionCheck(null, permission)).toBe(answers[permission]);
    }
    expect(answers).toEqual({
      media: false,
      geolocation: false,
      notifications: false,
      'clipboard-read': false,
      'clipboard-sanitized-write': true,
    });
  });
});
