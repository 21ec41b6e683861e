/**
 * The tray window's webPreferences, per Electron's security checklist. Kept apart from window.ts
 * (which needs Electron) so a plain-Node test can assert every flag.
 */
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
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const;

/** The window's size: fits under a menu-bar icon on a 13-inch screen. */
export const TRAY_WINDOW_SIZE = { width: 440, height: 640 } as const;
