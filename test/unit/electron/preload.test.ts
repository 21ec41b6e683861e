// Runs the real preload against a stand-in for Electron's contextBridge and ipcRenderer, and proves
// what reaches the page: one verb per bridge command plus onEvent — no ipcRenderer, no process.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMAND_NAMES, IPC_COMMAND_CHANNEL, IPC_EVENT_CHANNEL } from '../../../shared/command-names.ts';

const exposed = new Map<string, Record<string, unknown>>();
const ipcRenderer = {
  invoke: vi.fn(async (..._args: unknown[]) => 'answer'),
  on: vi.fn(),
  removeListener: vi.fn(),
  send: vi.fn(),
};

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api),
  },
  ipcRenderer,
}));

beforeAll(async () => {
  await import('../../../src-main/electron/preload.ts');
});

describe('preload', () => {
  it('exposes exactly one object, window.codingWorker', () => {
    expect([...exposed.keys()]).toEqual(['codingWorker']);
  });

  it('exposes verbs only: every bridge command and onEvent, all functions', () => {
    const api = exposed.get('codingWorker')!;
    expect(Object.keys(api).sort()).toEqual([...COMMAND_NAMES, 'onEvent'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('exposes no transport and no Node objects', () => {
    const api = exposed.get('codingWorker')!;
    for (const forbidden of ['ipcRenderer', 'invoke', 'send', 'on', 'process', 'env', 'require']) {
      expect(api).not.toHaveProperty(forbidden);
    }
  });

  it('sends each verb on the command channel with its own name', async () => {
    const api = exposed.get('codingWorker')! as Record<string, (p: unknown) => Promise<unknown>>;
    await expect(api.pause!({ mode: 'after-current', until: null })).resolves.toBe('answer');
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC_COMMAND_CHANNEL, 'pause', {
      mode: 'after-current',
      until: null,
    });
  });

  it('hands listeners the payload only, never the IPC event (which carries the sender)', () => {
    const api = exposed.get('codingWorker')! as { onEvent: (cb: (e: unknown) => void) => () => void };
    const listener = vi.fn();
    const off = api.onEvent(listener);
    const [channel, forward] = ipcRenderer.on.mock.calls.at(-1) as [
      string,
      (event: unknown, p: unknown) => void,
    ];
    expect(channel).toBe(IPC_EVENT_CHANNEL);
    forward({ sender: ipcRenderer }, { event: 'snapshot', payload: { seq: 1 } });
    expect(listener).toHaveBeenCalledWith({ event: 'snapshot', payload: { seq: 1 } });
    expect(listener.mock.calls[0]).toHaveLength(1);
    off();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, forward);
  });
});
