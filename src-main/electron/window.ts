/**
 * The tray window, locked down per Electron's security checklist: sandboxed, isolated, no Node, no
 * navigation, no new windows, no webviews, and no web permissions but clipboard writes.
 */
import { BrowserWindow, screen, type Rectangle } from 'electron';
import { isPermissionAllowed } from './permissions.ts';
import { SECURE_WEB_PREFERENCES, TRAY_WINDOW_SIZE } from './web-preferences.ts';
import { trayWindowPosition, type Point } from './window-position.ts';

export function createTrayWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    ...TRAY_WINDOW_SIZE,
    minWidth: 360,
    minHeight: 420,
    show: false,
    frame: false,
    resizable: true,
    movable: true,
    fullscreenable: false,
    minimizable: false,
    maximizable: false,
    skipTaskbar: true,
    alwaysOnTop: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: preloadPath },
  });
  lockDown(window);
  return window;
}

/** Everything the page might try beyond rendering itself is refused here. */
export function lockDown(window: BrowserWindow): void {
  const contents = window.webContents;
  // The UI never opens windows; links go through openExternal's allow-check in the main process.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(isPermissionAllowed(permission)),
  );
  contents.session.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
}

/** Shows the window under (or above) the tray icon, inside the work area of the icon's display. */
export function showAtTray(window: BrowserWindow, trayBounds: Rectangle | null, click: Point | null): void {
  const anchor =
    trayBounds && trayBounds.width > 0
      ? { x: trayBounds.x + trayBounds.width / 2, y: trayBounds.y + trayBounds.height / 2 }
      : (click ?? screen.getCursorScreenPoint());
  const display = screen.getDisplayNearestPoint({ x: Math.round(anchor.x), y: Math.round(anchor.y) });
  const [width, height] = window.getSize() as [number, number];
  const position = trayWindowPosition({
    trayBounds,
    click,
    windowSize: { width, height },
    workArea: display.workArea,
    platform: process.platform,
  });
  window.setPosition(position.x, position.y, false);
  window.show();
  window.focus();
}
