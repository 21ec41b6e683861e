/**
 * The three wire dialects the fake speaks, as sequences of server-sent events (or one JSON body
 * when the client did not ask to stream):
 * - OpenAI Chat Completions (`chat.completion.chunk` deltas, `[DONE]`, usage when asked) — Aider/litellm;
 * - OpenAI Responses (`response.created` … `response.output_item.done` … `response.completed`) — Codex;
 * - Anthropic Messages (`message_start`, `content_block_*`, `message_delta`, `message_stop`) — Claude Code.
 */
import { chunks, DEFAULT_USAGE, type ModelReply, type ModelRequest } from './replies.ts';

export interface SseEvent {
  readonly event?: string;
  readonly data: string;
}

type Answer = Exclude<ModelReply, { kind: 'fault' }>;

let counter = 0;
const nextId = (prefix: string): string => `${prefix}_${Date.now().toString(36)}${++counter}`;

function toolArguments(input: Record<string, unknown> | string): string {
  return typeof input === 'string' ? JSON.stringify({ input }) : JSON.stringify(input);
}

export function chatEvents(request: ModelRequest, reply: Answer): SseEvent[] {
  const id = nextId('chatcmpl');
  const base = {
    id,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: request.model,
  };
  const usage = reply.kind === 'cut' ? DEFAULT_USAGE : (reply.usage ?? DEFAULT_USAGE);
  const chunk = (delta: unknown, finish: string | null = null): SseEvent => ({
    data: JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] }),
  });
  const events: SseEvent[] = [chunk({ role: 'assistant', content: '' })];
  if (reply.kind === 'tool') {
    events.push(
      chunk({
        tool_calls: [
          {
            index: 0,
            id: nextId('call'),
            type: 'function',
            function: { name: reply.name, arguments: toolArguments(reply.input) },
          },
        ],
      }),
      chunk({}, 'tool_calls'),
    );
  } else {
    for (const piece of chunks(reply.text)) events.push(chunk({ content: piece }));
    events.push(chunk({}, 'stop'));
  }
  const options = request.body.stream_options as { include_usage?: boolean } | undefined;
  if (options?.include_usage) {
    events.push({
      data: JSON.stringify({
        ...base,
        choices: [],
        usage: {
          prompt_tokens: usage.inputTokens,
          completion_tokens: usage.outputTokens,
          total_tokens: usage.inputTokens + usage.outputTokens,
        },
      }),
    });
  }
  events.push({ data: '[DONE]' });
  return events;
}

export function chatBody(request: ModelRequest, reply: Answer): unknown {
  const usage = reply.kind === 'cut' ? DEFAULT_USAGE : (reply.usage ?? DEFAULT_USAGE);
  const message =
    reply.kind === 'tool'
      ? {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: nextId('call'),
              type: 'function',
              function: { name: reply.name, arguments: toolArguments(reply.input) },
            },
          ],
        }
      : { role: 'assistant', content: reply.text };
  return {
    id: nextId('chatcmpl'),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    choices: [{ index: 0, message, finish_reason: reply.kind === 'tool' ? 'tool_calls' : 'stop' }],
    usage: {
      prompt_tokens: usage.inputTokens,
      completion_tokens: usage.outputTokens,
      total_tokens: usage.inputTokens + usage.outputTokens,
    },
  };
}

export function responsesEvents(request: ModelRequest, reply: Answer): SseEvent[] {
  const id = nextId('resp');
  const usage = reply.kind === 'cut' ? DEFAULT_USAGE : (reply.usage ?? DEFAULT_USAGE);
  const shell = { id, object: 'response', created_at: Math.floor(Date.now() / 1000), model: request.model };
  const events: SseEvent[] = [];
  const emit = (type: string, payload: Record<string, unknown>): void => {
    events.push({ event: type, data: JSON.stringify({ type, ...payload }) });
  };
  emit('response.created', { response: { ...shell, status: 'in_progress', output: [] } });
  let item: Record<string, unknown>;
  if (reply.kind === 'tool') {
    const callId = nextId('call');
    item =
      typeof reply.input === 'string'
        ? {
            type: 'custom_tool_call',
            id: nextId('ctc'),
            call_id: callId,
            name: reply.name,
            input: reply.input,
            status: 'completed',
          }
        : {
            type: 'function_call',
            id: nextId('fc'),
            call_id: callId,
            name: reply.name,
            arguments: JSON.stringify(reply.input),
            status: 'completed',
          };
    emit('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress' } });
  } else {
    const itemId = nextId('msg');
    emit('response.output_item.added', {
      output_index: 0,
      item: { type: 'message', id: itemId, role: 'assistant', status: 'in_progress', content: [] },
    });
    for (const piece of chunks(reply.text)) {
      emit('response.output_text.delta', {
        item_id: itemId,
        output_index: 0,
        content_index: 0,
        delta: piece,
      });
    }
    item = {
      type: 'message',
      id: itemId,
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: reply.text, annotations: [] }],
    };
  }
  emit('response.output_item.done', { output_index: 0, item });
  emit('response.completed', {
    response: {
      ...shell,
      status: 'completed',
      output: [item],
      usage: {
        input_tokens: usage.inputTokens,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: usage.outputTokens,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: usage.inputTokens + usage.outputTokens,
      },
    },
  });
  return events;
}

function anthropicContent(reply: Answer): { blocks: Record<string, unknown>[]; stop: string } {
  if (reply.kind === 'tool') {
    const input = typeof reply.input === 'string' ? { input: reply.input } : reply.input;
    return { blocks: [{ type: 'tool_use', id: nextId('toolu'), name: reply.name, input }], stop: 'tool_use' };
  }
  return { blocks: [{ type: 'text', text: reply.text }], stop: 'end_turn' };
}

export function messagesEvents(request: ModelRequest, reply: Answer): SseEvent[] {
  const usage = reply.kind === 'cut' ? DEFAULT_USAGE : (reply.usage ?? DEFAULT_USAGE);
  const events: SseEvent[] = [];
  const emit = (type: string, payload: Record<string, unknown>): void => {
    events.push({ event: type, data: JSON.stringify({ type, ...payload }) });
  };
  emit('message_start', {
    message: {
      id: nextId('msg'),
      type: 'message',
      role: 'assistant',
      model: request.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: usage.inputTokens,
        output_tokens: 1,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    },
  });
  const { blocks, stop } = anthropicContent(reply);
  blocks.forEach((block, index) => {
    if (block.type === 'tool_use') {
      emit('content_block_start', { index, content_block: { ...block, input: {} } });
      for (const piece of chunks(JSON.stringify(block.input), 40)) {
        emit('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } });
      }
    } else {
      emit('content_block_start', { index, content_block: { type: 'text', text: '' } });
      for (const piece of chunks(String(block.text))) {
        emit('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
      }
    }
    emit('content_block_stop', { index });
  });
  emit('message_delta', {
    delta: { stop_reason: stop, stop_sequence: null },
    usage: { output_tokens: usage.outputTokens },
  });
  emit('message_stop', {});
  return events;
}

export function messagesBody(request: ModelRequest, reply: Answer): unknown {
  const usage = reply.kind === 'cut' ? DEFAULT_USAGE : (reply.usage ?? DEFAULT_USAGE);
  const { blocks, stop } = anthropicContent(reply);
  return {
    id: nextId('msg'),
    type: 'message',
    role: 'assistant',
    model: request.model,
    content: blocks,
    stop_reason: stop,
    stop_sequence: null,
    usage: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
  };
}
