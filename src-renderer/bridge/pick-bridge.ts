/** Electron's preload bridge when present, else the headless server's WebSocket on this origin. */
import type { Bridge } from '../../shared/bridge.ts';
import { createElectronBridge, type PreloadApi } from './electron-bridge.ts';
import { createWebBridge } from './web-bridge.ts';

declare global {
  interface Window {
    codingWorker?: PreloadApi;
  }
}

export function pickBridge(): Bridge {
  if (window.codingWorker) return createElectronBridge(window.codingWorker);
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWebBridge(`${scheme}//${window.location.host}/bridge`);
}
