/**
 * The preload exposes verbs, not transport: `codingWorker.pause(params)`, `codingWorker.onEvent(cb)`.
 * Never ipcRenderer, process or env. Built as CJS because sandboxed preloads cannot be ESM.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { COMMAND_NAMES, IPC_COMMAND_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/command-names.ts';

const verbs: Record<string, (params: unknown) => Promise<unknown>> = {};
for (const name of COMMAND_NAMES) {
  verbs[name] = (params: unknown) => ipcRenderer.invoke(IPC_COMMAND_CHANNEL, name, params);
}

contextBridge.exposeInMainWorld('codingWorker', {
  ...verbs,
  onEvent(listener: (event: unknown) => void): () => void {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
  },
});
