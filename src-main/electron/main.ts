/**
 * The Electron shell's composition root: single instance, menu-bar only, settings and secrets, the
 * worker's services, the tray, one window, the IPC bridge, notifications and power events. It adapts
 * Electron to the engine and holds no business logic: every decision is a pure function elsewhere.
 */
import { app, dialog } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { notPaused, type WorkerSnapshot } from '../../shared/snapshot.ts';
import { GITHUB_TOKEN_SECRET } from '../engine/github/resolve-token.ts';
import { serveBridgeOverIpc } from './ipc.ts';
import { ElectronNotifier } from './notifier.ts';
import { openCheckedUrl } from './open-external.ts';
import { pauseUntil } from '../../shared/pause-until.ts';
import { watchPower, type PowerWatch } from './power.ts';
import { SafeStorageSecretStore } from './secret-store.ts';
import { readSettings, openSettingsStore } from './settings-store.ts';
import { withShellHandlers } from './shell-handlers.ts';
import { shellTranslator } from '../../shared/i18n/shell-messages.ts';
import { resolveLocale as shellLocale } from '../../shared/i18n/translate.ts';
import type { ShellServices } from './shell-services.ts';
import { TrayController } from './tray.ts';
import { createWorkerServices } from './worker-services.ts';
import type { TrayMenuAction } from './tray-menu.ts';
import { createTrayWindow } from './window.ts';
import { describeError } from '../../shared/describe-error.ts';

/** Shown at start: for the `_electron` tests and for debugging. */
const SHOW_WINDOW = process.argv.includes('--show-window');
/** Exposes a few main-process hooks to Playwright's app.evaluate (never to the page). */
const TEST_HOOKS = process.argv.includes('--test-hooks');
/** Longest a quit waits for the worker to release its messages. */
const STOP_TIMEOUT_MS = 20_000;

// A separate profile for tests and side-by-side runs; set before anything reads the path.
if (process.env.CODINGWORKER_USER_DATA_DIR) app.setPath('userData', process.env.CODINGWORKER_USER_DATA_DIR);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail(error));
}

async function start(): Promise<void> {
  if (process.platform === 'darwin') app.dock?.hide();
  const userData = app.getPath('userData');
  const opened = openSettingsStore(userData);
  for (const note of opened.notes) console.log(`[settings] ${note}`);
  const secrets = new SafeStorageSecretStore(userData);
  if (opened.legacyGitHubToken) {
    const moved = await secrets.set(GITHUB_TOKEN_SECRET, opened.legacyGitHubToken);
    console.log(
      `[settings] GitHub token from the old settings file: ${moved.stored ? 'moved to the secret store' : `dropped (${moved.reason})`}`,
    );
  }
  const store = opened.store;
  const language = () => {
    const locale = shellLocale(readSettings(store).locale, app.getPreferredSystemLanguages());
    return { locale, t: shellTranslator(locale) };
  };

  const preload = join(import.meta.dirname, '../preload/preload.cjs');
  const indexFile = join(import.meta.dirname, '../renderer/index.html');
  const window = createTrayWindow(preload);
  let services: ShellServices | null = null;
  let snapshot: WorkerSnapshot | null = null;
  let tray: TrayController | null = null;
  let power: PowerWatch | null = null;

  const linkPolicy = () => services?.linkPolicy() ?? { serverUrl: 'https://github.com', repositories: [] };
  const showApp = (route: string) => {
    void window.loadFile(indexFile, { hash: route });
    tray?.show();
  };
  const notifier = new ElectronNotifier({
    translate: () => language().t,
    linkPolicy,
    openUrl: (url) => openCheckedUrl(url, linkPolicy()),
    showApp,
    answerApproval: (jobId, answer) =>
      void services?.bridge.handlers.decideApproval({ jobId, ...answer }).catch(() => undefined),
  });

  services = await createWorkerServices({ env: process.env, store, secrets, notifier });
  const worker = services;
  const bridge = {
    ...worker.bridge,
    handlers: withShellHandlers(worker.bridge.handlers, {
      linkPolicy,
      open: async (url) => void (await openCheckedUrl(url, linkPolicy())),
      onSettingsSaved: (settings) => {
        if (worker.restartOnSettingsSaved) {
          app.relaunch();
          app.quit();
          return;
        }
        applyLoginItem(settings.launchAtLogin);
        tray?.update(snapshot);
        power?.settingsChanged();
      },
    }),
  };
  const unserve = serveBridgeOverIpc(bridge, window, pathToFileURL(indexFile).href);
  void window.loadFile(indexFile);

  tray = new TrayController({
    iconDir: app.isPackaged ? join(process.resourcesPath, 'tray') : join(import.meta.dirname, '../../build'),
    window,
    language,
    onAction: (action) => void onTrayAction(action),
  });
  bridge.subscribe((event) => {
    if (event.event !== 'snapshot' || (snapshot && snapshot.seq > event.payload.seq)) return;
    snapshot = event.payload;
    tray?.update(snapshot);
  });
  // The engine's own state first (it restores a saved pause): the power policy must see the user's
  // pause before it decides anything, or a battery start would overwrite it.
  const first = await bridge.handlers.getSnapshot({}).catch(() => null);
  // (The subscription above may already have stored a newer one.)
  const seen = snapshot as WorkerSnapshot | null;
  if (first && (!seen || first.seq > seen.seq)) snapshot = first;
  tray?.update(snapshot);

  window.on('blur', () => {
    if (SHOW_WINDOW || window.webContents.isDevToolsOpened()) return;
    window.hide();
    tray?.noteHidden();
  });
  if (SHOW_WINDOW) window.once('ready-to-show', () => tray?.show());
  app.on('second-instance', () => tray?.show());

  applyLoginItem(readSettings(store).launchAtLogin);
  power = watchPower({
    autoPauseOnBattery: () => readSettings(store).autoPauseOnBattery,
    currentPause: () => snapshot?.pause ?? notPaused,
    apply: (action) =>
      action.kind === 'pause'
        ? worker.pause({ mode: 'after-current', until: null, reason: action.reason })
        : worker.resume(),
  });

  let stopped = false;
  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    // Quitting releases running jobs' messages so nothing waits behind a lease (see docs/ARCHITECTURE.md, "settle").
    void withTimeout(worker.stop(true), STOP_TIMEOUT_MS)
      .catch((error: unknown) => console.warn(`[shell] stop: ${describeError(error)}`))
      .finally(() => {
        stopped = true;
        power?.dispose();
        unserve();
        tray?.destroy();
        app.quit();
      });
  });
  app.on('window-all-closed', () => {
    // A menu-bar app keeps running without windows.
  });

  async function onTrayAction(action: TrayMenuAction): Promise<void> {
    const { t } = language();
    const jobs = snapshot?.jobs ?? [];
    try {
      switch (action) {
        case 'pause-one-hour':
        case 'pause-until-tomorrow': {
          const until = pauseUntil(action === 'pause-one-hour' ? 'one-hour' : 'until-tomorrow', new Date());
          await bridge.handlers.pause({ mode: 'after-current', until });
          return;
        }
        case 'resume':
          await bridge.handlers.resume({});
          return;
        case 'stop-job': {
          if (jobs.length === 0) return;
          const answer = await dialog.showMessageBox({
            type: 'question',
            message: t('dialog.stopJobMessage'),
            buttons: [t('dialog.stopJobConfirm'), t('dialog.cancel')],
            defaultId: 1,
            cancelId: 1,
          });
          if (answer.response !== 0) return;
          for (const job of jobs)
            await bridge.handlers.cancelJob({ jobId: job.jobId, disposition: 'release' });
          return;
        }
        case 'open':
          tray?.show();
          return;
        case 'quit': {
          const issue = jobs[0]?.issue;
          if (jobs.length > 0) {
            const answer = await dialog.showMessageBox({
              type: 'warning',
              message: t('dialog.quitTitle'),
              detail: t('dialog.quitMessage', { issue: issue ? `${issue.repository}#${issue.number}` : '' }),
              buttons: [t('dialog.quitConfirm'), t('dialog.cancel')],
              defaultId: 1,
              cancelId: 1,
            });
            if (answer.response !== 0) return;
          }
          app.quit();
          return;
        }
      }
    } catch (error) {
      console.warn(`[shell] ${action}: ${describeError(error)}`);
    }
  }

  if (TEST_HOOKS) {
    Object.assign(globalThis, {
      codingWorkerTestHooks: {
        toggleWindow: () => tray?.toggle(),
        trayState: () => tray?.state ?? null,
        snapshot: () => snapshot,
        showApp,
      },
    });
  }
}

/** Launch at login registers the packaged app only; a dev build would register the bare Electron binary. */
function applyLoginItem(openAtLogin: boolean): void {
  if (!app.isPackaged) return;
  app.setLoginItemSettings({ openAtLogin });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | void> {
  return Promise.race([promise, new Promise<void>((resolve) => setTimeout(resolve, ms).unref())]);
}

function fail(error: unknown): void {
  const message = describeError(error);
  const t = shellTranslator(shellLocale('system', app.getPreferredSystemLanguages()));
  dialog.showErrorBox(t('dialog.startFailed'), message);
  app.exit(1);
}
