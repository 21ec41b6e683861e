import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../shared/bridge.ts';
import { createWebBridge, type SocketLike } from '../../../src-renderer/bridge/web-bridge.ts';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  send(data: string): void {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(data);
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  close(): void {
    this.readyState = 3;
    this.onclose?.({});
  }
}

function world() {
  const sockets: FakeSocket[] = [];
  const timers: (() => void)[] = [];
  const bridge = createWebBridge('ws://x/bridge', {
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    schedule: (run) => void timers.push(run),
  });
  const states: ConnectionState[] = [];
  bridge.onConnection((state) => states.push(state));
  const commands = () =>
    sockets.flatMap((s) => s.sent.map((f) => (JSON.parse(f) as { command: string }).command));
  return { bridge, sockets, timers, states, commands };
}

describe('web bridge', () => {
  it('sends calls made while connecting once the socket opens', async () => {
    const { bridge, sockets, commands } = world();
    const answer = bridge.invoke('getSnapshot', {});
    sockets[0]!.open();
    expect(commands()).toEqual(['getSnapshot']);
    const { id } = JSON.parse(sockets[0]!.sent[0]!) as { id: number };
    sockets[0]!.onmessage?.({ data: JSON.stringify({ id, ok: true, result: { seq: 1 } }) });
    await expect(answer).resolves.toEqual({ seq: 1 });
  });

  it('never runs a queued call after telling its caller it failed', async () => {
    const { bridge, sockets, timers, commands } = world();
    const queued = bridge.invoke('discardDlqMessage' as never, {} as never);
    sockets[0]!.close();
    await expect(queued).rejects.toMatchObject({ code: 'unavailable' });
    timers.shift()!();
    sockets[1]!.open();
    expect(commands()).toEqual([]);
  });

  it('fails a call at once while disconnected, and sends nothing for it later', async () => {
    const { bridge, sockets, timers, commands, states } = world();
    sockets[0]!.open();
    sockets[0]!.close();
    expect(states.at(-1)).toBe('disconnected');
    await expect(bridge.invoke('getSnapshot', {})).rejects.toMatchObject({ code: 'unavailable' });
    timers.shift()!();
    sockets[1]!.open();
    expect(commands()).toEqual([]);
  });

  it('fails calls in flight when the socket drops', async () => {
    const { bridge, sockets } = world();
    sockets[0]!.open();
    const answer = bridge.invoke('getSnapshot', {});
    sockets[0]!.close();
    await expect(answer).rejects.toMatchObject({ code: 'unavailable' });
  });
});
