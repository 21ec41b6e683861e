/**
 * The bridge over a WebSocket: requests in, responses and events out, in the wire format from
 * shared/bridge.ts. Params are validated here because a socket is a trust boundary.
 */
import type { WebSocket } from 'ws';
import { parseCommand, type CommandName, type WireMessage } from '../../shared/bridge.ts';
import type { BridgeService } from '../engine/app/bridge-service.ts';
import { describeError } from '../../shared/describe-error.ts';

/** Largest request we accept; commands are small, a bigger frame is a mistake or an attack. */
export const MAX_REQUEST_BYTES = 256 * 1024;

export function serveBridgeSocket(socket: WebSocket, service: BridgeService): void {
  const send = (message: WireMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = service.subscribe((event) => send({ type: 'event', ...event }));
  const unwatch = service.watch();
  socket.on('close', () => {
    unsubscribe();
    unwatch();
  });
  socket.on('message', (data, isBinary) => {
    void answer(data.toString(), isBinary, service).then((reply) => reply && send(reply));
  });
}

async function answer(text: string, isBinary: boolean, service: BridgeService): Promise<WireMessage | null> {
  let request: unknown;
  try {
    if (isBinary || text.length > MAX_REQUEST_BYTES) throw new Error('bad frame');
    request = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof request !== 'object' || request === null) return null;
  const { id, command, params } = request as { id?: unknown; command?: unknown; params?: unknown };
  if (typeof id !== 'number') return null;
  const parsed = parseCommand(command, params);
  if (!parsed.ok) return { id, ok: false, error: parsed.error };
  try {
    const handler = service.handlers[parsed.command] as (p: unknown) => Promise<unknown>;
    return { id, ok: true, result: await handler(parsed.params) };
  } catch (error) {
    return { id, ok: false, error: { code: 'failed', message: describe(parsed.command, error) } };
  }
}

function describe(command: CommandName, error: unknown): string {
  const message = describeError(error);
  return `${command} failed: ${message}`;
}
