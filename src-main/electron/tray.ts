/**
 * The menu-bar icon: its image, tooltip and context menu follow the snapshot (through the pure
 * tray-state, tray-text and tray-menu modules); a click toggles the window under the icon.
 */
import {
  Menu,
  nativeImage,
  Tray,
  type BrowserWindow,
  type MenuItemConstructorOptions,
  type NativeImage,
} from 'electron';
import { join } from 'node:path';
import type { WorkerSnapshot } from '../../shared/snapshot.ts';
import type { ShellTranslate } from '../../shared/i18n/shell-messages.ts';
import type { Locale as ShellLocale } from '../../shared/i18n/translate.ts';
import { trayMenuModel, type TrayMenuAction, type TrayMenuItem } from './tray-menu.ts';
import { TRAY_ICON_FILES, trayState, trayStates, type TrayState } from './tray-state.ts';
import { trayStatusLine, trayTooltip } from './tray-text.ts';
import { showAtTray } from './window.ts';
import type { Point } from './window-position.ts';

export interface TrayControllerOptions {
  /** Folder holding the tray*Template.png images (and their @2x twins). */
  readonly iconDir: string;
  readonly window: BrowserWindow;
  readonly language: () => { readonly t: ShellTranslate; readonly locale: ShellLocale };
  readonly onAction: (action: TrayMenuAction) => void;
}

export class TrayController {
  readonly #tray: Tray;
  readonly #options: TrayControllerOptions;
  readonly #images = new Map<TrayState, NativeImage>();
  #snapshot: WorkerSnapshot | null = null;
  #state: TrayState | null = null;
  #menu: Menu | null = null;
  #menuKey = '';
  #hiddenAt = 0;

  constructor(options: TrayControllerOptions) {
    this.#options = options;
    for (const state of trayStates) {
      const image = nativeImage.createFromPath(join(options.iconDir, TRAY_ICON_FILES[state]));
      image.setTemplateImage(true);
      this.#images.set(state, image);
    }
    this.#tray = new Tray(this.#images.get('offline')!);
    this.#tray.setIgnoreDoubleClickEvents(true);
    this.#tray.on('click', (_event, bounds, position) => this.toggle(bounds, position));
    this.#tray.on('right-click', () => this.#menu && this.#tray.popUpContextMenu(this.#menu));
    this.update(null);
  }

  get snapshot(): WorkerSnapshot | null {
    return this.#snapshot;
  }

  /** Applies a new snapshot (or a language change, with the same snapshot). */
  update(snapshot: WorkerSnapshot | null): void {
    this.#snapshot = snapshot;
    const { t, locale } = this.#options.language();
    const now = new Date();
    const state = trayState(snapshot);
    if (state !== this.#state) {
      this.#tray.setImage(this.#images.get(state)!);
      this.#state = state;
    }
    this.#tray.setToolTip(trayTooltip(snapshot, t, locale, now));
    const model = trayMenuModel(snapshot, t, trayStatusLine(snapshot, t, locale, now));
    const key = JSON.stringify(model);
    if (key !== this.#menuKey) {
      this.#menuKey = key;
      this.#menu = Menu.buildFromTemplate(model.map((item) => this.#menuItem(item)));
      // Linux trays (AppIndicator) only show a menu; elsewhere left-click opens the window.
      if (process.platform === 'linux') this.#tray.setContextMenu(this.#menu);
    }
  }

  get state(): TrayState | null {
    return this.#state;
  }

  /** The window hid itself on blur; a click on the icon that caused the blur must not reopen it. */
  noteHidden(): void {
    this.#hiddenAt = Date.now();
  }

  toggle(bounds?: Electron.Rectangle, click?: Point): void {
    const { window } = this.#options;
    if (window.isVisible()) window.hide();
    else if (Date.now() - this.#hiddenAt > 250) this.show(bounds, click);
  }

  show(bounds?: Electron.Rectangle, click?: Point): void {
    showAtTray(this.#options.window, bounds ?? this.#tray.getBounds(), click ?? null);
  }

  destroy(): void {
    this.#tray.destroy();
  }

  #menuItem(item: TrayMenuItem): MenuItemConstructorOptions {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'status':
        return { label: item.label, enabled: false };
      case 'action':
        return { label: item.label, enabled: item.enabled, click: () => this.#options.onAction(item.action) };
    }
  }
}
