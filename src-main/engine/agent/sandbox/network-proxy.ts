/**
 * The confined command's only way out: an HTTP proxy (CONNECT tunnels and plain absolute-form
 * requests) that connects only to allowed hosts and answers 403 for everything else. On Linux it
 * listens on a unix socket that is bound into the sandbox (whose network namespace has nothing
 * but loopback); on macOS on a loopback port that the Seatbelt profile alone may reach.
 *
 * Host names are resolved here, outside the sandbox. Never throws for a client's misbehaviour:
 * every socket has an error listener, and bad requests are answered 400.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { hostAllowed } from './allowed-hosts.ts';

export interface NetworkProxy {
  /** The unix socket path or "127.0.0.1:port" it listens on. */
  readonly address: string;
  readonly port: number | null;
  close(): Promise<void>;
}

export interface NetworkProxyOptions {
  readonly allowedHosts: readonly string[];
  /** A unix socket path; when absent, a random loopback port. */
  readonly socketPath?: string;
  /** Told about each refused destination ("host:port"), e.g. for the job log. */
  readonly onRefused?: (destination: string) => void;
}

export async function startNetworkProxy(options: NetworkProxyOptions): Promise<NetworkProxy> {
  const sockets = new Set<Duplex>();
  const track = (socket: Duplex) => {
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.once('close', () => sockets.delete(socket));
  };
  const allowed = (host: string, port: number) => {
    if (hostAllowed(options.allowedHosts, host, port)) return true;
    options.onRefused?.(`${host}:${port}`);
    return false;
  };

  const server = createServer((req, res) => forwardRequest(req, res, allowed, track));
  server.on('connection', track);
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    track(client);
    const target = parseAuthority(req.url ?? '');
    if (!target) return void client.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    if (!allowed(target.host, target.port))
      return void client.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\nrefused by the sandbox\n');
    const upstream: Socket = connect(target.port, target.host.replace(/^\[|\]$/g, ''));
    track(upstream);
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.once('error', () => {
      if (client.writable) client.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n');
    });
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (options.socketPath) server.listen(options.socketPath, resolve);
    else server.listen(0, '127.0.0.1', resolve);
  });
  const bound = server.address();
  const port = typeof bound === 'object' && bound ? bound.port : null;
  return {
    address: options.socketPath ?? `127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function forwardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  allowed: (host: string, port: number) => boolean,
  track: (socket: Duplex) => void,
): void {
  let url: URL;
  try {
    url = new URL(req.url ?? '');
  } catch {
    res.writeHead(400, { connection: 'close' }).end('the sandbox proxy takes absolute URLs only\n');
    return;
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (url.protocol !== 'http:') {
    res.writeHead(400, { connection: 'close' }).end('use CONNECT for https\n');
    return;
  }
  if (!allowed(url.hostname, port)) {
    res.writeHead(403, { connection: 'close' }).end('refused by the sandbox\n');
    return;
  }
  const headers = { ...req.headers };
  for (const name of Object.keys(headers)) if (/^proxy-/i.test(name)) delete headers[name];
  const upstream = httpRequest(
    {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port,
      method: req.method,
      path: `${url.pathname}${url.search}`,
      headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('socket', track);
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { connection: 'close' }).end();
    else res.destroy();
  });
  req.pipe(upstream);
}

/** "host:port" of a CONNECT request (IPv6 in brackets); null when malformed. */
export function parseAuthority(text: string): { host: string; port: number } | null {
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(text);
  if (!match) return null;
  const port = Number(match[2]);
  return port > 0 && port < 65_536 ? { host: match[1]!, port } : null;
}
