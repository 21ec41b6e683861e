/**
 * The bridge in a browser: the headless server's WebSocket. Reconnects with backoff, and fails
 * pending calls when the socket drops so no button waits forever.
 */
import {
  BridgeError,
  type Bridge,
  type BridgeEvent,
  type CommandName,
  type CommandParams,
  type CommandResults,
  type ConnectionState,
  type WireMessage,
} from '../../shared/bridge.ts';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export function createWebBridge(url: string): Bridge {
  const eventListeners = new Set<(event: BridgeEvent) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const pending = new Map<number, Pending>();
  let socket: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  let attempt = 0;
  let queue: string[] = [];

  const setState = (next: ConnectionState): void => {
    state = next;
    for (const listener of connectionListeners) listener(next);
  };

  const connect = (): void => {
    setState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setState('connected');
      for (const frame of queue) ws.send(frame);
      queue = [];
    };
    ws.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as WireMessage;
      if ('type' in data) {
        const { type: _type, ...event } = data;
        for (const listener of eventListeners) listener(event as BridgeEvent);
        return;
      }
      const call = pending.get(data.id);
      if (!call) return;
      pending.delete(data.id);
      if (data.ok) call.resolve(data.result);
      else call.reject(new BridgeError(data.error));
    };
    ws.onclose = () => {
      socket = null;
      for (const call of pending.values()) {
        call.reject(new BridgeError({ code: 'unavailable', message: 'connection to the worker lost' }));
      }
      pending.clear();
      setState('disconnected');
      attempt += 1;
      setTimeout(connect, Math.min(10_000, 250 * 2 ** attempt));
    };
  };
  connect();

  return {
    host: 'web',
    invoke<C extends CommandName>(command: C, params: CommandParams<C>): Promise<CommandResults[C]> {
      const id = nextId++;
      const frame = JSON.stringify({ id, command, params });
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        if (socket && socket.readyState === WebSocket.OPEN) socket.send(frame);
        else queue.push(frame);
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
  };
}
