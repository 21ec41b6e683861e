/**
 * The bridge in a browser: the headless server's WebSocket. Reconnects with backoff, and fails
 * pending calls when the socket drops so no button waits forever. A call made while connecting is
 * queued; when that socket closes, the queue is dropped together with failing its calls, so no
 * command ever runs after its caller was told it failed. A call made while disconnected fails at once.
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

/** The part of the WebSocket API the bridge uses; injectable for tests. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
}

export interface WebBridgeOptions {
  /** Defaults to the global WebSocket. */
  readonly createSocket?: (url: string) => SocketLike;
  /** Defaults to setTimeout; schedules a reconnect. */
  readonly schedule?: (run: () => void, ms: number) => void;
}

/** WebSocket.OPEN, without needing the global in tests. */
const OPEN = 1;

function unavailable(message: string): BridgeError {
  return new BridgeError({ code: 'unavailable', message });
}

export function createWebBridge(url: string, options: WebBridgeOptions = {}): Bridge {
  const createSocket = options.createSocket ?? ((target: string) => new WebSocket(target) as SocketLike);
  const schedule = options.schedule ?? ((run: () => void, ms: number) => void setTimeout(run, ms));
  const eventListeners = new Set<(event: BridgeEvent) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const pending = new Map<number, Pending>();
  let socket: SocketLike | null = null;
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
    const ws = createSocket(url);
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
      // Drop the unsent frames together with failing their calls: none may run after this.
      queue = [];
      const failed = [...pending.values()];
      pending.clear();
      for (const call of failed) call.reject(unavailable('connection to the worker lost'));
      setState('disconnected');
      attempt += 1;
      schedule(connect, Math.min(10_000, 250 * 2 ** attempt));
    };
  };
  connect();

  return {
    host: 'web',
    invoke<C extends CommandName>(command: C, params: CommandParams<C>): Promise<CommandResults[C]> {
      const id = nextId++;
      const frame = JSON.stringify({ id, command, params });
      return new Promise((resolve, reject) => {
        if (state === 'disconnected' || !socket) {
          reject(unavailable('not connected to the worker'));
          return;
        }
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        if (socket.readyState === OPEN) socket.send(frame);
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
