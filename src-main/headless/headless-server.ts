/**
 * `codingworker serve`: the engine's bridge and the built UI over HTTP + WebSocket on 127.0.0.1
 * only, guarded by a session token. /healthz answers without the token, with liveness only.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { BridgeService } from '../engine/app/bridge-service.ts';
import { checkAccess, isOwnHost, tokenCookieName } from './access-guard.ts';
import { MAX_REQUEST_BYTES, serveBridgeSocket } from './bridge-socket.ts';
import { securityHeaders, serveStatic } from './static-files.ts';

/** A guessable token would make the guard decorative. */
export const MIN_TOKEN_LENGTH = 24;

export interface HeadlessServerOptions {
  readonly service: BridgeService;
  /** Folder of the built renderer (out/renderer). */
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** A fixed token (CODINGWORKER_UI_TOKEN); random per start when absent. */
  readonly token?: string;
}

export interface HeadlessServer {
  readonly port: number;
  readonly token: string;
  /** The URL to open, with the token. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  if (options.token !== undefined && options.token.length < MIN_TOKEN_LENGTH) {
    throw new Error(`the UI token must be at least ${MIN_TOKEN_LENGTH} characters (CODINGWORKER_UI_TOKEN)`);
  }
  const token = options.token ?? randomBytes(24).toString('base64url');
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  let port = 0;

  const server = createServer((request, response) => {
    handleHttp(request, response, { ...options, token, port }).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  // A client that breaks HTTP or hangs up mid-request must never take the worker down.
  server.on('clientError', (_error, socket) => socket.destroy());
  sockets.on('error', () => undefined);
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    try {
      const decision = checkAccess(facts(request), token, port);
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (!decision.ok || path !== '/bridge') {
        socket.end(`HTTP/1.1 ${decision.ok ? 404 : decision.status} Refused\r\nConnection: close\r\n\r\n`);
        return;
      }
      sockets.handleUpgrade(request, socket, head, (ws) => serveBridgeSocket(ws, options.service));
    } catch {
      // Whatever a client sends, it must never take the worker down.
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Context extends HeadlessServerOptions {
  readonly token: string;
  readonly port: number;
}

async function handleHttp(
  request: IncomingMessage,
  response: ServerResponse,
  context: Context,
): Promise<void> {
  const headers = securityHeaders(context.port);
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...headers, Allow: 'GET, HEAD' });
    return void response.end();
  }
  if (url.pathname === '/healthz') {
    if (!isOwnHost(request.headers.host, context.port)) {
      response.writeHead(403, headers);
      return void response.end();
    }
    response.writeHead(200, { ...headers, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    return void response.end(JSON.stringify({ ok: true, ...context.service.health() }));
  }
  const decision = checkAccess(facts(request), context.token, context.port);
  if (!decision.ok) {
    response.writeHead(decision.status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    return void response.end(`${decision.why}. Open the URL that \`codingworker serve\` printed.`);
  }
  if (decision.viaQuery) {
    // The page's own requests (assets, the socket) then authenticate with a same-site cookie.
    headers['Set-Cookie'] =
      `${tokenCookieName(context.port)}=${encodeURIComponent(context.token)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=604800`;
  }
  const log = /^\/jobs\/([A-Za-z0-9_-]{1,100})\/log$/.exec(url.pathname);
  if (log) return serveLogFile(context.service.logFilePath(log[1]!), response, headers);
  await serveStatic(context.rendererDir, url.pathname, response, headers);
}

function serveLogFile(path: string | null, response: ServerResponse, headers: Record<string, string>): void {
  if (!path) {
    response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    return void response.end('No log for this job.');
  }
  response.writeHead(200, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  createReadStream(path)
    .on('error', () => response.end())
    .pipe(response);
}

function facts(request: IncomingMessage) {
  return {
    host: request.headers.host,
    origin: request.headers.origin,
    cookie: request.headers.cookie,
    url: request.url ?? '/',
  };
}
