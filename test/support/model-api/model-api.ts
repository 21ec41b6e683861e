/**
 * A local model API for the agent contract tests: OpenAI Chat Completions and Responses, and
 * Anthropic Messages, on 127.0.0.1, answering what the test's `respond` says and recording every
 * request (path, headers, body) so tests can assert on them. Faults are replies too: 401, 429 with
 * retry-after, 500, a slow stream, a stream that stops half-way.
 *
 * Base URLs: `${url}/v1` for OpenAI clients (litellm's OPENAI_API_BASE, Codex's openai_base_url),
 * `url` for Anthropic's (ANTHROPIC_BASE_URL; the SDK adds /v1/messages).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  chatBody,
  chatEvents,
  messagesBody,
  messagesEvents,
  responsesEvents,
  type SseEvent,
} from './dialects.ts';
import {
  errorBody,
  type ModelApiKind,
  type ModelReply,
  type ModelRequest,
  type Responder,
  type StreamPacing,
} from './replies.ts';

export interface RecordedRequest extends ModelRequest {
  readonly method: string;
  /** 'answered', or the fault's status, or 'unknown-path'. */
  readonly answeredWith: string;
}

const ROUTES: Record<string, ModelApiKind> = {
  '/v1/chat/completions': 'chat',
  '/chat/completions': 'chat',
  '/v1/responses': 'responses',
  '/responses': 'responses',
  '/v1/messages': 'messages',
};

export class ModelApiFake {
  readonly #server: Server;
  readonly #requests: RecordedRequest[] = [];
  readonly #open = new Set<ServerResponse>();
  #respond: Responder;
  #pacing: StreamPacing = {};
  readonly url: string;

  private constructor(server: Server, url: string, respond: Responder) {
    this.#server = server;
    this.url = url;
    this.#respond = respond;
  }

  static async start(respond: Responder = () => ({ kind: 'text', text: 'OK' })): Promise<ModelApiFake> {
    const holder: { fake?: ModelApiFake } = {};
    const server = createServer((req, res) => {
      void holder.fake!.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.fake = new ModelApiFake(server, `http://127.0.0.1:${port}`, respond);
    return holder.fake;
  }

  /** What to answer from now on. */
  script(respond: Responder, pacing: StreamPacing = {}): void {
    this.#respond = respond;
    this.#pacing = pacing;
  }

  get requests(): readonly RecordedRequest[] {
    return this.#requests;
  }

  /** Requests to one dialect's endpoint. */
  requestsTo(api: ModelApiKind): RecordedRequest[] {
    return this.#requests.filter((r) => r.api === api && r.answeredWith !== 'unknown-path');
  }

  clear(): void {
    this.#requests.length = 0;
  }

  async stop(): Promise<void> {
    for (const res of this.#open) res.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const raw = await readBody(req);
    const api = ROUTES[path];
    let body: Record<string, unknown>;
    try {
      body = raw.length > 0 ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      body = {};
    }
    const request: ModelRequest = describe(api ?? 'chat', path, req.headers, body);
    if (!api || req.method !== 'POST') {
      this.#requests.push({ ...request, method: req.method ?? '', answeredWith: 'unknown-path' });
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no route for ${req.method} ${path}` } }));
      return;
    }
    const reply: ModelReply = this.#respond(request);
    const answeredWith = reply.kind === 'fault' ? String(reply.status) : 'answered';
    this.#requests.push({ ...request, method: 'POST', answeredWith });
    if (this.#pacing.firstByteDelayMs) await delay(this.#pacing.firstByteDelayMs);
    if (reply.kind === 'fault') {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (reply.retryAfterSeconds !== undefined) headers['retry-after'] = String(reply.retryAfterSeconds);
      res.writeHead(reply.status, headers);
      res.end(JSON.stringify(errorBody(api, reply.status, reply.message ?? `fault ${reply.status}`)));
      return;
    }
    if (!request.stream) {
      const json = api === 'messages' ? messagesBody(request, reply) : chatBody(request, reply);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
      return;
    }
    const events =
      api === 'chat'
        ? chatEvents(request, reply)
        : api === 'responses'
          ? responsesEvents(request, reply)
          : messagesEvents(request, reply);
    await this.#stream(res, events, reply.kind === 'cut' ? reply.afterChunks : null);
  }

  async #stream(res: ServerResponse, events: readonly SseEvent[], cutAfter: number | null): Promise<void> {
    this.#open.add(res);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    try {
      for (const [index, event] of events.entries()) {
        if (cutAfter !== null && index >= cutAfter) {
          res.destroy();
          return;
        }
        const head = event.event ? `event: ${event.event}\n` : '';
        res.write(`${head}data: ${event.data}\n\n`);
        if (this.#pacing.chunkDelayMs) await delay(this.#pacing.chunkDelayMs);
      }
      res.end();
    } finally {
      this.#open.delete(res);
    }
  }
}

function describe(
  api: ModelApiKind,
  path: string,
  headers: IncomingMessage['headers'],
  body: Record<string, unknown>,
): ModelRequest {
  const tools = Array.isArray(body.tools) ? (body.tools as Record<string, unknown>[]) : [];
  const toolNames = tools
    .map((tool) => (tool.function as { name?: string } | undefined)?.name ?? tool.name)
    .filter((name): name is string => typeof name === 'string');
  const conversation = JSON.stringify(body.messages ?? body.input ?? '');
  return {
    api,
    path,
    headers,
    body,
    model: typeof body.model === 'string' ? body.model : '',
    stream: body.stream === true,
    tools: toolNames,
    hasToolResult: /"(?:tool_result|function_call_output|custom_tool_call_output)"|"role":"tool"/.test(
      conversation,
    ),
    text: conversation,
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
