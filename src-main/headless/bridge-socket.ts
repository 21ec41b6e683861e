/**
 * The bridge over a WebSocket: requests in, responses and events out, in the wire format from
 * shared/bridge.ts. Params are validated here because a socket is a trust boundary.
 *
 * No client can stop the server: the socket has an error listener (ws reports invalid UTF-8,
 * unmasked, oversized or otherwise broken frames as errors, and an unheard error would end the
 * process), frames are bounded by the server's maxPayload, a connection may have only a few
 * requests in flight and only so many per minute (beyond that it is closed with 1008), and a
 * request that is not JSON, or not a request, is answered with an error instead of silence.
 */
import type { WebSocket } from 'ws';
import {
  BridgeError,
  parseCommand,
  type CommandName,
  type WireMessage,
  type WireResponse,
} from '../../shared/bridge.ts';
import type { BridgeService } from '../engine/app/bridge-service.ts';
import { describeError } from '../../shared/describe-error.ts';

/** Largest request we accept; commands are small, a bigger frame is a mistake or an attack. */
export const MAX_REQUEST_BYTES = 256 * 1024;
/** Requests one connection may have unanswered at once. */
export const MAX_IN_FLIGHT = 16;
/** Requests one connection may send per minute (the UI sends a few per second at most). */
export const MAX_REQUESTS_PER_MINUTE = 1200;

/** The id used to answer a message whose own id could not be read. */
const NO_ID = 0;

export function serveBridgeSocket(
  socket: WebSocket,
  service: BridgeService,
  now: () => number = Date.now,
): void {
  const send = (message: WireMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message), () => undefined);
  };
  socket.on('error', () => socket.terminate());
  const unsubscribe = service.subscribe((event) => send({ type: 'event', ...event }));
  const unwatch = service.watch();
  socket.on('close', () => {
    unsubscribe();
    unwatch();
  });
  let inFlight = 0;
  let windowStart = now();
  let inWindow = 0;
  socket.on('message', (data, isBinary) => {
    if (now() - windowStart >= 60_000) {
      windowStart = now();
      inWindow = 0;
    }
    if (++inWindow > MAX_REQUESTS_PER_MINUTE) {
      socket.close(1008, 'too many requests');
      return;
    }
    if (inFlight >= MAX_IN_FLIGHT) {
      send(refusal(idOf(data, isBinary), 'unavailable', `more than ${MAX_IN_FLIGHT} requests in flight`));
      return;
    }
    inFlight++;
    void answer(data, isBinary, service)
      .catch((error: unknown) => refusal(NO_ID, 'failed', String(error)))
      .then((reply) => {
        inFlight--;
        send(reply);
      });
  });
}

type Frame = Buffer | ArrayBuffer | Buffer[];

async function answer(data: Frame, isBinary: boolean, service: BridgeService): Promise<WireResponse> {
  const request = readRequest(data, isBinary);
  if ('error' in request) return refusal(NO_ID, 'invalid-params', request.error);
  const { id, command, params } = request;
  const parsed = parseCommand(command, params);
  if (!parsed.ok) return { id, ok: false, error: parsed.error };
  try {
    const handler = service.handlers[parsed.command] as (p: unknown) => Promise<unknown>;
    return { id, ok: true, result: await handler(parsed.params) };
  } catch (error) {
    // A handler's own refusal (e.g. 'unavailable' outside the sandbox) keeps its code and words.
    if (error instanceof BridgeError)
      return { id, ok: false, error: { code: error.code, message: error.message } };
    return { id, ok: false, error: { code: 'failed', message: describe(parsed.command, error) } };
  }
}

function readRequest(
  data: Frame,
  isBinary: boolean,
): { id: number; command: unknown; params: unknown } | { error: string } {
  if (isBinary) return { error: 'requests are JSON text frames' };
  const text = textOf(data);
  if (text.length > MAX_REQUEST_BYTES) return { error: 'the request is too large' };
  let request: unknown;
  try {
    request = JSON.parse(text);
  } catch {
    return { error: 'the request is not JSON' };
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    return { error: 'a request is an object {id, command, params}' };
  const { id, command, params } = request as { id?: unknown; command?: unknown; params?: unknown };
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return { error: 'a request needs an integer id' };
  return { id, command, params };
}

function idOf(data: Frame, isBinary: boolean): number {
  const request = readRequest(data, isBinary);
  return 'error' in request ? NO_ID : request.id;
}

function textOf(data: Frame): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function refusal(
  id: number,
  code: 'invalid-params' | 'unavailable' | 'failed',
  message: string,
): WireResponse {
  return { id, ok: false, error: { code, message } };
}

function describe(command: CommandName, error: unknown): string {
  const message = describeError(error);
  return `${command} failed: ${message}`;
}
