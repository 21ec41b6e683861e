/**
 * What the model-API fake answers, scripted per test: a reply is text, a tool call, or a fault.
 * The fake calls the test's `respond` with every request it receives (after recording it) and
 * speaks the reply in the dialect of the endpoint that was called.
 */

export type ModelApiKind = 'chat' | 'responses' | 'messages';

export interface ModelRequest {
  readonly api: ModelApiKind;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The parsed JSON body. */
  readonly body: Record<string, unknown>;
  /** The model named in the body. */
  readonly model: string;
  readonly stream: boolean;
  /** Tool names offered in the request (all dialects). */
  readonly tools: readonly string[];
  /** Whether the conversation already holds a tool result (the agent ran a tool we asked for). */
  readonly hasToolResult: boolean;
  /** All text of the request's messages joined, for matching. */
  readonly text: string;
}

export interface Usage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

export type ModelReply =
  | { readonly kind: 'text'; readonly text: string; readonly usage?: Usage }
  | {
      readonly kind: 'tool';
      readonly name: string;
      /** Arguments object for function tools; a string for free-form (custom) tools. */
      readonly input: Record<string, unknown> | string;
      readonly usage?: Usage;
    }
  | {
      readonly kind: 'fault';
      readonly status: number;
      readonly message?: string;
      readonly retryAfterSeconds?: number;
    }
  /** Streams `text` but stops after `afterChunks` chunks and drops the connection. */
  | { readonly kind: 'cut'; readonly text: string; readonly afterChunks: number };

export interface StreamPacing {
  /** Pause between streamed chunks, ms (slow streaming). */
  readonly chunkDelayMs?: number;
  /** Pause before the first byte of the response, ms. */
  readonly firstByteDelayMs?: number;
}

export type Responder = (request: ModelRequest) => ModelReply;

export const DEFAULT_USAGE: Usage = { inputTokens: 1200, outputTokens: 80 };

/** Splits text into small pieces so a stream has several deltas. */
export function chunks(text: string, size = 24): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length > 0 ? out : [''];
}

/** The error body each dialect uses, so the real SDKs classify it as they would the real API's. */
export function errorBody(api: ModelApiKind, status: number, message: string): unknown {
  if (api === 'messages') {
    const type =
      status === 401
        ? 'authentication_error'
        : status === 429
          ? 'rate_limit_error'
          : status === 529
            ? 'overloaded_error'
            : status >= 500
              ? 'api_error'
              : 'invalid_request_error';
    return { type: 'error', error: { type, message } };
  }
  const code = status === 401 ? 'invalid_api_key' : status === 429 ? 'rate_limit_exceeded' : 'server_error';
  const type = status === 401 ? 'invalid_request_error' : status === 429 ? 'requests' : 'server_error';
  return { error: { message, type, param: null, code } };
}
