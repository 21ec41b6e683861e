/**
 * Counts (and keeps) the SQS requests a client sends, by command name, through the SDK's own
 * middleware stack — so a test can say "zero ReceiveMessage calls while paused" about the real client.
 * `onResponse` hooks run after a response arrived and before the caller sees it.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';

export interface SqsRequest {
  /** Without the "Command" suffix: 'ReceiveMessage'. */
  readonly command: string;
  readonly input: Record<string, unknown>;
  output?: Record<string, unknown>;
  error?: unknown;
}

type ResponseHook = (request: SqsRequest) => void | Promise<void>;

export interface SqsRequestCounter {
  readonly requests: readonly SqsRequest[];
  count(command?: string): number;
  inputs(command: string): Record<string, unknown>[];
  outputs(command: string): Record<string, unknown>[];
  onResponse(command: string, hook: ResponseHook): void;
  reset(): void;
  detach(): void;
}

let nextId = 0;

export function countSqsRequests(client: SQSClient): SqsRequestCounter {
  const requests: SqsRequest[] = [];
  const hooks = new Map<string, ResponseHook[]>();
  const name = `codingworkerRequestCounter${nextId++}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
      const request: SqsRequest = { command, input: { ...(args.input as Record<string, unknown>) } };
      requests.push(request);
      try {
        const result = await next(args);
        request.output = result.output as unknown as Record<string, unknown>;
        for (const hook of hooks.get(command) ?? []) await hook(request);
        return result;
      } catch (error) {
        request.error = error;
        throw error;
      }
    },
    { step: 'initialize', name },
  );
  return {
    requests,
    count: (command) => (command ? requests.filter((r) => r.command === command).length : requests.length),
    inputs: (command) => requests.filter((r) => r.command === command).map((r) => r.input),
    outputs: (command) => requests.filter((r) => r.command === command && r.output).map((r) => r.output!),
    onResponse(command, hook) {
      hooks.set(command, [...(hooks.get(command) ?? []), hook]);
    },
    reset: () => void requests.splice(0),
    detach: () => void client.middlewareStack.remove(name),
  };
}
