/** The tray window, locked down per Electron's security checklist. */
import { BrowserWindow, shell } from 'electron';

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: false,
} as const;

export function createTrayWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 420,
    height: 620,
    show: false,
    frame: false,
    resizable: true,
    fullscreenable: false,
    skipTaskbar: true,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: preloadPath },
  });
  // The UI never navigates and never opens windows; links go through openExternal's checks.
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.session.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  void shell; // opened only through open-external.ts
  return window;
}
