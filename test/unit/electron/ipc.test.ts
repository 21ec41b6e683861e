// Drives the real IPC handler with forged senders: only our own window's top frame, showing our own
// page, gets an answer; everyone gets their params validated.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_COMMAND_CHANNEL, IPC_EVENT_CHANNEL } from '../../../shared/command-names.ts';
import type { BridgeService } from '../../../src-main/engine/app/bridge-service.ts';

type Handler = (event: unknown, command: unknown, params: unknown) => Promise<unknown>;
const handlers = new Map<string, Handler>();

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { serveBridgeOverIpc } = await import('../../../src-main/electron/ipc.ts');

const appUrl = 'file:///Applications/CodingWorker.app/Contents/Resources/app.asar/out/renderer/index.html';
const mainFrame = { url: `${appUrl}#now` };
const webContents = { mainFrame, send: vi.fn() };
const windowListeners = new Map<string, () => void>();
let visible = false;
const window = {
  webContents,
  isDestroyed: () => false,
  isVisible: () => visible,
  on: (name: string, listener: () => void) => windowListeners.set(name, listener),
  off: (name: string) => windowListeners.delete(name),
};

function service(): BridgeService & {
  pause: ReturnType<typeof vi.fn>;
  listeners: Set<(e: unknown) => void>;
  watching: () => number;
} {
  const listeners = new Set<(e: unknown) => void>();
  const pause = vi.fn(async () => ({ seq: 2 }));
  let watchers = 0;
  return {
    pause,
    listeners,
    watching: () => watchers,
    handlers: { pause } as unknown as BridgeService['handlers'],
    subscribe: (listener) => {
      listeners.add(listener as (e: unknown) => void);
      return () => listeners.delete(listener as (e: unknown) => void);
    },
    watch: () => {
      watchers += 1;
      return () => (watchers -= 1);
    },
    health: () => ({ status: 'idle' }),
    logFilePath: () => null,
  };
}

const params = { mode: 'after-current', until: null };
let worker: ReturnType<typeof service>;
let stop: () => void;

beforeEach(() => {
  handlers.clear();
  windowListeners.clear();
  visible = false;
  worker = service();
  stop = serveBridgeOverIpc(worker, window as never, appUrl);
});

const call = (event: unknown, command: unknown = 'pause', p: unknown = params) =>
  handlers.get(IPC_COMMAND_CHANNEL)!(event, command, p);

describe('IPC bridge', () => {
  it('answers our own window’s top frame', async () => {
    await expect(call({ sender: webContents, senderFrame: mainFrame })).resolves.toEqual({ seq: 2 });
    expect(worker.pause).toHaveBeenCalledWith(params);
  });

  it.each([
    ['another webContents', { sender: { mainFrame }, senderFrame: mainFrame }],
    ['a subframe of our window', { sender: webContents, senderFrame: { url: appUrl } }],
    ['a frame that navigated elsewhere', { sender: webContents, senderFrame: null }],
  ])('refuses %s', async (_what, event) => {
    await expect(call(event)).rejects.toMatchObject({ code: 'unauthorized' });
    expect(worker.pause).not.toHaveBeenCalled();
  });

  it('refuses our top frame when it shows another page', async () => {
    const evil = { url: 'https://evil.example/' };
    const contents = { ...webContents, mainFrame: evil };
    handlers.clear();
    serveBridgeOverIpc(worker, { ...window, webContents: contents } as never, appUrl);
    await expect(call({ sender: contents, senderFrame: evil })).rejects.toMatchObject({
      code: 'unauthorized',
    });
  });

  it('validates params after the sender', async () => {
    const ok = { sender: webContents, senderFrame: mainFrame };
    await expect(call(ok, 'pause', { mode: 'now-please', until: null })).rejects.toMatchObject({
      code: 'invalid-params',
    });
    await expect(call(ok, 'pause', { ...params, extra: 1 })).rejects.toMatchObject({
      code: 'invalid-params',
    });
    await expect(call(ok, 'constructor', {})).rejects.toMatchObject({ code: 'unknown-command' });
    expect(worker.pause).not.toHaveBeenCalled();
  });

  it('pushes engine events to the window, and stops on dispose', () => {
    for (const listener of worker.listeners) listener({ event: 'notice', payload: {} });
    expect(webContents.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, { event: 'notice', payload: {} });
    stop();
    expect(handlers.has(IPC_COMMAND_CHANNEL)).toBe(false);
    expect(worker.listeners.size).toBe(0);
  });

  it('polls queue stats only while the window is on screen', () => {
    expect(worker.watching()).toBe(0);
    windowListeners.get('show')!();
    expect(worker.watching()).toBe(1);
    windowListeners.get('show')!();
    expect(worker.watching()).toBe(1);
    windowListeners.get('hide')!();
    expect(worker.watching()).toBe(0);
    windowListeners.get('show')!();
    stop();
    expect(worker.watching()).toBe(0);
    expect(windowListeners.size).toBe(0);
  });
});
