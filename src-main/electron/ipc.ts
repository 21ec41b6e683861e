/**
 * Serves the bridge over IPC by walking the contract in shared/: one handler, which checks the
 * sender first and the params second, for every command.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_COMMAND_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/command-names.ts';
import { BridgeError, parseCommand } from '../../shared/bridge.ts';
import type { BridgeService } from '../engine/app/bridge-service.ts';
import { isTrustedSenderUrl } from './trusted-sender.ts';

export function serveBridgeOverIpc(
  service: BridgeService,
  window: BrowserWindow,
  appUrl: string,
): () => void {
  ipcMain.handle(
    IPC_COMMAND_CHANNEL,
    async (event: IpcMainInvokeEvent, command: unknown, params: unknown) => {
      const trusted =
        event.sender === window.webContents &&
        event.senderFrame !== null &&
        event.senderFrame === window.webContents.mainFrame &&
        isTrustedSenderUrl(event.senderFrame.url, appUrl);
      if (!trusted) throw new BridgeError({ code: 'unauthorized', message: 'IPC from an untrusted sender' });
      const parsed = parseCommand(command, params);
      if (!parsed.ok) throw new BridgeError(parsed.error);
      const handler = service.handlers[parsed.command] as (p: unknown) => Promise<unknown>;
      return handler(parsed.params);
    },
  );
  const unsubscribe = service.subscribe((event) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, event);
  });
  // Queue stats cost SQS requests: poll them only while the window is on screen.
  let unwatch: (() => void) | null = null;
  const onShow = () => {
    unwatch ??= service.watch();
  };
  const onHide = () => {
    unwatch?.();
    unwatch = null;
  };
  window.on('show', onShow);
  window.on('hide', onHide);
  if (window.isVisible()) onShow();
  return () => {
    ipcMain.removeHandler(IPC_COMMAND_CHANNEL);
    window.off('show', onShow);
    window.off('hide', onHide);
    unsubscribe();
    onHide();
  };
}
