/**
 * The Electron shell: lifecycle, tray, one window, and the IPC bridge. It adapts Electron to the
 * engine and holds no business logic.
 */
import { app, Menu, nativeImage, Tray } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../engine/config/load-config.ts';
import { createSqsClient } from '../engine/queue/sqs-client.ts';
import { QueueMonitor } from '../engine/app/queue-monitor.ts';
import { createMonitorService } from '../engine/app/monitor-service.ts';
import { serveBridgeOverIpc } from './ipc.ts';
import { createTrayWindow } from './window.ts';

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(() => {
  if (process.platform === 'darwin') app.dock?.hide();
  const config = loadConfig({ env: process.env });
  const monitor = new QueueMonitor({ client: createSqsClient(config), queueUrl: config.queueUrl });
  const service = createMonitorService(monitor);

  const window = createTrayWindow(join(import.meta.dirname, '../preload/preload.cjs'));
  const indexFile = join(import.meta.dirname, '../renderer/index.html');
  serveBridgeOverIpc(service, window, pathToFileURL(indexFile).href);
  void window.loadFile(indexFile);

  const tray = new Tray(
    nativeImage.createFromPath(join(import.meta.dirname, '../../build/trayTemplate.png')),
  );
  tray.setToolTip('CodingWorker');
  tray.on('click', () => (window.isVisible() ? window.hide() : window.show()));
  tray.setContextMenu(Menu.buildFromTemplate([{ label: 'Quit', click: () => app.quit() }]));
  window.on('blur', () => window.hide());
  if (process.argv.includes('--show-window')) window.once('ready-to-show', () => window.show());
});

app.on('window-all-closed', () => {
  // A menu-bar app keeps running without windows.
});
