/**
 * The GitHub fake's HTTP side on 127.0.0.1: every request is recorded and checked against GitHub's
 * OpenAPI description (an unknown operation is answered 404, a malformed one 400, both recorded as
 * violations), then the token, then pending faults, and only then the route handlers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Faults } from './faults.ts';
import { matchRequest } from './openapi.ts';
import type { Reply, RouteRequest } from './route-handler.ts';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly route: string | null;
  readonly query: Record<string, string>;
  readonly body: unknown;
  readonly status: number;
  readonly authorization: string | null;
}

export interface ServerHooks {
  readonly token: string;
  readonly requests: RecordedRequest[];
  readonly violations: string[];
  readonly faults: Faults;
  route(method: string, route: string, request: RouteRequest): Promise<Reply>;
}

export interface FakeServer {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startServer(hooks: ServerHooks): Promise<FakeServer> {
  let url = '';
  const server = createServer((req, res) => {
    handle(hooks, url, req, res).catch((error: unknown) => {
      hooks.violations.push(`fake crashed on ${req.method} ${req.url}: ${String(error)}`);
      send(res, 500, { message: 'fake error' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handle(
  hooks: ServerHooks,
  baseUrl: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', baseUrl);
  const method = (req.method ?? 'GET').toUpperCase();
  const raw = await readBody(req);
  let body: unknown;
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw);
    } catch {
      body = raw;
    }
  }
  const matched = matchRequest(method, url.pathname, url.searchParams, body);
  const authorization = req.headers.authorization ?? null;
  const reply = (...[status, payload, headers]: Reply) => {
    hooks.requests.push({
      method,
      path: url.pathname,
      route: matched?.route ?? null,
      query: Object.fromEntries(url.searchParams),
      body,
      status,
      authorization,
    });
    send(res, status, payload, headers);
  };

  if (!matched) {
    hooks.violations.push(`${method} ${url.pathname}: no such operation in GitHub's REST description`);
    return reply(404, { message: 'Not Found (no such GitHub endpoint)' });
  }
  if (matched.problems.length > 0) {
    hooks.violations.push(
      `${method} ${url.pathname} (${matched.operationId}): ${matched.problems.join('; ')}`,
    );
    return reply(400, {
      message: `Request does not match GitHub's description: ${matched.problems.join('; ')}`,
    });
  }
  const token = /^(?:token|bearer) (.+)$/i.exec(authorization ?? '')?.[1];
  if (token !== hooks.token) return reply(401, { message: 'Bad credentials' });
  const fault = hooks.faults.take(method, matched.route);
  if (fault) return reply(...fault);
  reply(...(await hooks.route(method, matched.route, { params: matched.params, url, body })));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    'x-github-request-id': `FAKE:${Date.now()}`,
    ...headers,
  });
  res.end(text);
}
